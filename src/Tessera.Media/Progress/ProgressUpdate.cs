namespace Tessera.Media;

/// <summary>
/// How far a long piece of work has come, in its own units (frames, videos, steps). Libraries take an
/// <see cref="IProgress{T}"/> of this and know nothing of how it is shown (a terminal bar, an SSE stream).
/// </summary>
/// <param name="Done">Units finished so far.</param>
/// <param name="Total">Units in all (0 when unknown).</param>
/// <param name="Status">A short line of live detail, e.g. "loss 0.132".</param>
public readonly record struct ProgressUpdate(double Done, double Total, string? Status = null)
{
    public double Fraction => Total > 0 ? Math.Clamp(Done / Total, 0, 1) : 0;
}
