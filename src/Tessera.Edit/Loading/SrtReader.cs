using System.Globalization;
using System.Text.RegularExpressions;

namespace Tessera.Edit;

/// <summary>One subtitle cue: text shown from Start to End (seconds).</summary>
public sealed record SubtitleCue(int Number, double Start, double End, string Text);

/// <summary>Reads SubRip (.srt) subtitles: numbered cues with "00:00:01,000 --> 00:00:02,500" times.</summary>
public static partial class SrtReader
{
    [GeneratedRegex(@"^(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})\s*-->\s*(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})")]
    private static partial Regex TimeLine();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>The cues of an SRT text; a malformed cue is reported by its number and skipped.</summary>
    public static List<SubtitleCue> Parse(string text, Action<string> problem)
    {
        var cues = new List<SubtitleCue>();
        var blocks = Regex.Split(text.Replace("\r\n", "\n").Replace('\r', '\n').Trim('\uFEFF', '\n', ' '), @"\n\s*\n");
        var index = 0;
        foreach (var block in blocks)
        {
            index++;
            var lines = block.Split('\n').Select(l => l.TrimEnd()).ToList();
            if (lines.Count == 0 || lines.All(string.IsNullOrWhiteSpace)) continue;
            var timeAt = lines.FindIndex(l => l.Contains("-->", StringComparison.Ordinal));
            if (timeAt < 0) { problem($"cue {index}: has no \"start --> end\" time line"); continue; }
            var m = TimeLine().Match(lines[timeAt]);
            if (!m.Success) { problem($"cue {index}: cannot read the time line \"{lines[timeAt]}\" (expected 00:00:01,000 --> 00:00:02,000)"); continue; }
            var start = Seconds(m, 1);
            var end = Seconds(m, 5);
            if (end <= start) { problem($"cue {index}: ends ({lines[timeAt]}) before it starts"); continue; }
            var body = string.Join("\n", lines.Skip(timeAt + 1)).Trim();
            body = Tags().Replace(body, ""); // <i>, <b>, <font>: styling is the timeline's job
            if (body.Length == 0) continue;
            cues.Add(new SubtitleCue(index, start, end, body));
        }
        return cues;
    }

    private static double Seconds(Match m, int g)
    {
        int P(int i) => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        var ms = m.Groups[g + 3].Value.PadRight(3, '0');
        return P(g) * 3600 + P(g + 1) * 60 + P(g + 2) + int.Parse(ms, CultureInfo.InvariantCulture) / 1000.0;
    }
}
