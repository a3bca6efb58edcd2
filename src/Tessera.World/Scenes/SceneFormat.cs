using System.Globalization;
using Tessera.Media;

namespace Tessera.World.Scenes;

/// <summary>Frame size, clip length and rate of a rendered scene.</summary>
public sealed record SceneFormat(int Width, int Height, int Frames, double Fps)
{
    public const int MinSide = 16;
    public const int MaxSide = 4096;
    public const int MaxFrames = 1000;

    /// <summary>PhyWorld's format: 128×128, 32 frames, one frame every 0.1 s.</summary>
    public static readonly SceneFormat PhyWorld = new(128, 128, 32, 10);

    /// <summary>The engine's training format: 64×64, 16 frames at 8 fps.</summary>
    public static readonly SceneFormat Training = new(64, 64, 16, 8);

    /// <summary>Throws a TesseraError naming the bad value and the allowed range.</summary>
    public SceneFormat Validate()
    {
        if (Width < MinSide || Width > MaxSide || Height < MinSide || Height > MaxSide)
            throw new TesseraError($"--size {Width}x{Height} is out of range: each side must be {MinSide}..{MaxSide} pixels (e.g. --size 64x64)");
        if (Frames < 1 || Frames > MaxFrames)
            throw new TesseraError($"--frames {Frames} is out of range: use 1..{MaxFrames}");
        if (!(Fps > 0) || Fps > 240 || !double.IsFinite(Fps))
            throw new TesseraError($"--fps {Fps.ToString(CultureInfo.InvariantCulture)} is out of range: use a rate in (0, 240]");
        return this;
    }

    /// <summary>Parses "WxH" (also "W×H"), e.g. "64x64", "1080x1920".</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('x', '×', '*');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h))
            throw new TesseraError($"--size '{text}' is not WIDTHxHEIGHT; write e.g. --size 64x64 or --size 1080x1920");
        return (w, h);
    }
}
