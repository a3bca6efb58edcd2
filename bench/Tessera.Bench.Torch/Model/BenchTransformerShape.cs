namespace Tessera.Bench.Torch.Model;

/// <summary>Size of the transformer whose training step is timed.</summary>
/// <param name="Width">Channels per token.</param>
/// <param name="Depth">Number of blocks.</param>
/// <param name="Heads">Attention heads; Width must divide by it.</param>
/// <param name="Tokens">Sequence length (a clip's latent patches, say).</param>
/// <param name="Batch">Sequences per step.</param>
public sealed record BenchTransformerShape(int Width, int Depth, int Heads, int Tokens, int Batch)
{
    /// <summary>The default: about the size of Tessera's small video model.</summary>
    public static BenchTransformerShape Small { get; } = new(Width: 384, Depth: 8, Heads: 6, Tokens: 512, Batch: 32);

    /// <summary>Weights and biases: per block qkv + proj (4 C² + 4 C), MLP (8 C² + 5 C), two norms (4 C); plus head and final norm.</summary>
    public long Parameters =>
        Depth * (12L * Width * Width + 13L * Width) + (long)Width * Width + 3L * Width;

    /// <summary>
    /// Arithmetic of one forward+backward step: 6 FLOPs per weight per token for the matmuls and
    /// 3 × 4 T² C per sequence and block for attention (scores and weighted sum, forward and twice backward).
    /// </summary>
    public double TrainingFlopsPerStep =>
        6.0 * Parameters * Tokens * Batch + 12.0 * Depth * Batch * (double)Tokens * Tokens * Width;

    public override string ToString() => $"width {Width}, depth {Depth}, heads {Heads}, {Tokens} tokens, batch {Batch}";
}
