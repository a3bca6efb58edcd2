using Tessera.World.Scenes;

namespace Tessera.World.Evaluation;

/// <summary>
/// Names the colour of a pixel by hue. Object colours are saturated and 25°+ apart in hue, backgrounds are
/// neutral; mixing an object with a neutral background (anti-aliasing, chroma subsampling) keeps the hue and
/// only lowers saturation, so hue names edge pixels right and ignores the background.
/// </summary>
public static class ColorClassifier
{
    public const int None = -1;
    private const double MinSaturation = 0.42;
    private const double MinValue = 0.28;
    private const double MaxHueDistance = 20;
    private static readonly double[] Hues = Palette.ObjectColors.Select(c => c.Hue).ToArray();

    /// <summary>Index into <see cref="Palette.ObjectColors"/>, or <see cref="None"/> for background and unclear pixels.</summary>
    public static int Classify(byte r, byte g, byte b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var delta = max - min;
        if (max < MinValue * 255 || delta < MinSaturation * max) return None;
        double hue;
        if (max == r) hue = 60.0 * (g - b) / delta;
        else if (max == g) hue = 60.0 * (b - r) / delta + 120;
        else hue = 60.0 * (r - g) / delta + 240;
        if (hue < 0) hue += 360;
        var best = None;
        var bestDistance = MaxHueDistance;
        for (var i = 0; i < Hues.Length; i++)
        {
            var d = Math.Abs(hue - Hues[i]);
            if (d > 180) d = 360 - d;
            if (d < bestDistance) (best, bestDistance) = (i, d);
        }
        return best;
    }
}
