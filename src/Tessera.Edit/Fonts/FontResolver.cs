using System.Collections.Concurrent;
using System.Globalization;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Finds font files (a path, or a family name through fontconfig) and checks that a font has a glyph
/// for every character of a text, so a title in Chinese set in a Latin-only font is refused before
/// rendering instead of coming out as empty boxes.
/// </summary>
public static class FontResolver
{
    /// <summary>The default family: it covers Latin, Chinese, Japanese and Korean.</summary>
    public const string DefaultFamily = "Noto Sans CJK SC";

    private static readonly ConcurrentDictionary<string, string?> ByFamily = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, List<(int From, int To)>> Charsets = new(StringComparer.Ordinal);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>A font file for <paramref name="font"/> (a file path or a family name), or null with a reason.</summary>
    public static string? Resolve(string? font, string baseDirectory, out string? reason)
    {
        reason = null;
        font ??= DefaultFamily;
        if (LooksLikePath(font))
        {
            var path = Path.GetFullPath(font, baseDirectory);
            if (File.Exists(path)) return path;
            reason = $"font file not found: {path}";
            return null;
        }
        var file = ByFamily.GetOrAdd(font, Match);
        if (file is null) reason = $"font \"{font}\" is not installed (fc-list lists the installed ones; for Chinese install fonts-noto-cjk)";
        return file;
    }

    /// <summary>The characters of <paramref name="text"/> that <paramref name="fontFile"/> cannot draw.</summary>
    public static IReadOnlyList<string> MissingGlyphs(string fontFile, string text)
    {
        var ranges = Charsets.GetOrAdd(fontFile, ReadCharset);
        var missing = new List<string>();
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            var cp = char.ConvertToUtf32(text, i);
            if (cp < 0x20 || char.IsWhiteSpace(text, i)) continue;
            if (!Covers(ranges, cp))
            {
                var s = char.ConvertFromUtf32(cp);
                if (!missing.Contains(s)) missing.Add(s);
            }
        }
        return missing;
    }

    private static bool LooksLikePath(string font) =>
        font.Contains('/') || font.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) ||
        font.EndsWith(".otf", StringComparison.OrdinalIgnoreCase) || font.EndsWith(".ttc", StringComparison.OrdinalIgnoreCase);

    private static string? Match(string family)
    {
        try
        {
            // fc-match always answers with some font; accept it only if it is the family asked for. It also
            // gives the face's charset: for face 0 (the one drawtext uses) that saves an fc-query process.
            var answer = ChildProcess.RunForText("fc-match", ["-f", "%{family}\n%{file}\n%{index}\n%{charset}", family], Timeout);
            var lines = answer.Split('\n', 4);
            if (lines.Length < 2) return null;
            var families = lines[0].Split(',', StringSplitOptions.TrimEntries);
            if (!families.Any(f => string.Equals(f, family, StringComparison.OrdinalIgnoreCase)) || !File.Exists(lines[1])) return null;
            if (lines.Length == 4 && lines[2] == "0" && ParseCharset(lines[3]) is { Count: > 0 } ranges) Charsets.TryAdd(lines[1], ranges);
            return lines[1];
        }
        catch (MediaError)
        {
            return null;
        }
    }

    private static List<(int From, int To)> ReadCharset(string fontFile)
    {
        string text;
        try
        {
            // Face 0 is the face ffmpeg's drawtext uses for a collection (.ttc).
            text = ChildProcess.RunForText("fc-query", ["-i", "0", "-f", "%{charset}", fontFile], Timeout);
        }
        catch (MediaError e)
        {
            throw new TesseraError($"cannot read font {fontFile}: {e.Message} (is fontconfig installed? apt-get install -y fontconfig)");
        }
        return ParseCharset(text);
    }

    /// <summary>fontconfig's charset notation: hex code points and ranges ("20-7e a0 ...").</summary>
    private static List<(int From, int To)> ParseCharset(string text)
    {
        var ranges = new List<(int, int)>();
        foreach (var token in text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split('-');
            if (!int.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var from)) continue;
            var to = from;
            if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out to)) continue;
            ranges.Add((from, to));
        }
        return ranges;
    }

    private static bool Covers(List<(int From, int To)> ranges, int cp)
    {
        int lo = 0, hi = ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (cp < ranges[mid].From) hi = mid - 1;
            else if (cp > ranges[mid].To) lo = mid + 1;
            else return true;
        }
        return false;
    }
}
