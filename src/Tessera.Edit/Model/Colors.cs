using System.Globalization;

namespace Tessera.Edit;

/// <summary>Reads colours as users write them (#rgb, #rrggbb, #rrggbbaa, names) into ffmpeg's 0xRRGGBB[AA].</summary>
public static class Colors
{
    private static readonly Dictionary<string, string> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black"] = "000000", ["white"] = "FFFFFF", ["red"] = "FF0000", ["green"] = "008000", ["lime"] = "00FF00",
        ["blue"] = "0000FF", ["yellow"] = "FFFF00", ["cyan"] = "00FFFF", ["magenta"] = "FF00FF", ["gray"] = "808080",
        ["grey"] = "808080", ["orange"] = "FFA500", ["purple"] = "800080", ["pink"] = "FFC0CB", ["navy"] = "000080",
        ["transparent"] = "00000000",
    };

    /// <summary>The ffmpeg form of <paramref name="text"/>, or null (with a reason) when it is not a colour.</summary>
    public static string? TryParse(string text, out string? reason)
    {
        reason = null;
        var t = text.Trim();
        if (Named.TryGetValue(t, out var hex)) return "0x" + hex;
        if (t.StartsWith("rgb(", StringComparison.OrdinalIgnoreCase) && t.EndsWith(')'))
        {
            var parts = t[4..^1].Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 3 && parts.All(p => int.TryParse(p, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 255))
                return "0x" + string.Concat(parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture).ToString("X2", CultureInfo.InvariantCulture)));
        }
        if (t.StartsWith('#')) t = t[1..];
        else if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) t = t[2..];
        else
        {
            reason = $"\"{text}\" is not a colour; use #rrggbb, #rrggbbaa or a name like white";
            return null;
        }
        if (t.Length == 3 && t.All(char.IsAsciiHexDigit)) t = string.Concat(t.Select(c => $"{c}{c}"));
        if (t.Length is 6 or 8 && t.All(char.IsAsciiHexDigit)) return "0x" + t.ToUpperInvariant();
        reason = $"\"{text}\" is not a colour; use #rrggbb, #rrggbbaa or a name like white";
        return null;
    }

    /// <summary>RGB bytes of a parsed (0xRRGGBB[AA]) colour.</summary>
    public static (byte R, byte G, byte B) Rgb(string ffmpegColor)
    {
        var h = ffmpegColor[2..];
        return (Convert.ToByte(h[..2], 16), Convert.ToByte(h[2..4], 16), Convert.ToByte(h[4..6], 16));
    }
}
