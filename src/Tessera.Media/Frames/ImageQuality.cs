namespace Tessera.Media;

/// <summary>Pixel-level comparisons used by tests, the evaluator and benchmarks.</summary>
public static class ImageQuality
{
    /// <summary>Peak signal-to-noise ratio in dB between two 8-bit buffers of equal length (∞ if equal).</summary>
    public static double Psnr(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"buffers differ in length: {a.Length} vs {b.Length}");
        if (a.Length == 0) throw new ArgumentException("empty buffers");
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        var mse = sum / a.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
