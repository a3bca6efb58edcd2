namespace Tessera.World.Scenes;

/// <summary>A colour the world draws and the evaluator recognises by name.</summary>
/// <param name="Name">English name, also the JSON value.</param>
/// <param name="Chinese">Chinese name as captions write it (红色).</param>
/// <param name="R">Red 0..255.</param>
/// <param name="G">Green 0..255.</param>
/// <param name="B">Blue 0..255.</param>
public sealed record NamedColor(string Name, string Chinese, byte R, byte G, byte B)
{
    /// <summary>Hue in degrees 0..360 (HSV), the feature the evaluator classifies object colours by.</summary>
    public double Hue => Hsv.Of(R, G, B).Hue;
}

/// <summary>
/// The colours of the world. Object colours are saturated and sit at least ~25° apart in hue; background tones
/// are neutral (no saturation). Anti-aliased edges mix an object with a neutral background, which keeps the hue,
/// so the evaluator can tell colours apart by hue alone, even at a 32-pixel frame through a lossy codec.
/// </summary>
public static class Palette
{
    public static readonly NamedColor Red = new("red", "红色", 225, 25, 25);
    public static readonly NamedColor Orange = new("orange", "橙色", 250, 125, 0);
    public static readonly NamedColor Yellow = new("yellow", "黄色", 245, 215, 0);
    public static readonly NamedColor Green = new("green", "绿色", 30, 175, 50);
    public static readonly NamedColor Cyan = new("cyan", "青色", 0, 195, 210);
    public static readonly NamedColor Blue = new("blue", "蓝色", 30, 70, 230);
    public static readonly NamedColor Purple = new("purple", "紫色", 145, 45, 205);
    public static readonly NamedColor Pink = new("pink", "粉色", 240, 85, 170);

    /// <summary>PhyWorld's exact ball colours (Kang et al. 2024): pure red and pure blue on white.</summary>
    public static readonly NamedColor PhyRed = new("red", "红色", 255, 0, 0);
    public static readonly NamedColor PhyBlue = new("blue", "蓝色", 0, 0, 255);

    public static readonly NamedColor White = new("white", "白色", 255, 255, 255);
    public static readonly NamedColor Grey = new("grey", "灰色", 128, 128, 128);
    public static readonly NamedColor Black = new("black", "黑色", 20, 20, 20);

    public static readonly IReadOnlyList<NamedColor> ObjectColors = [Red, Orange, Yellow, Green, Cyan, Blue, Purple, Pink];
    public static readonly IReadOnlyList<NamedColor> BackgroundTones = [White, Grey, Black];

    public static NamedColor? ObjectColor(string name) => ObjectColors.FirstOrDefault(c => c.Name == name);
    public static NamedColor? BackgroundTone(string name) => BackgroundTones.FirstOrDefault(c => c.Name == name);
}

/// <summary>Hue (degrees), saturation and value (0..1) of an RGB colour.</summary>
public readonly record struct Hsv(double Hue, double Saturation, double Value)
{
    public static Hsv Of(int r, int g, int b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var delta = max - min;
        double hue = 0;
        if (delta > 0)
        {
            if (max == r) hue = 60.0 * (g - b) / delta;
            else if (max == g) hue = 60.0 * (b - r) / delta + 120;
            else hue = 60.0 * (r - g) / delta + 240;
            if (hue < 0) hue += 360;
        }
        return new Hsv(hue, max == 0 ? 0 : (double)delta / max, max / 255.0);
    }
}
