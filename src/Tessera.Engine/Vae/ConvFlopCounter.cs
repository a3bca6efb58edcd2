namespace Tessera.Engine.Vae;

/// <summary>
/// Counts the multiply-adds of every convolution in one forward pass (the VAE's FLOPs are almost all
/// convolutions), for samples/s → MFU. Thread-static like TorchSharp's own scopes.
/// </summary>
public sealed class ConvFlopCounter : IDisposable
{
    [ThreadStatic] private static ConvFlopCounter? _current;
    private readonly ConvFlopCounter? _outer;

    /// <summary>Forward FLOPs counted so far (2 per multiply-add).</summary>
    public double Flops { get; private set; }

    private ConvFlopCounter()
    {
        _outer = _current;
        _current = this;
    }

    public static ConvFlopCounter Begin() => new();

    internal static void Add(double multiplyAdds)
    {
        if (_current is { } c) c.Flops += 2 * multiplyAdds;
    }

    public void Dispose() => _current = _outer;
}
