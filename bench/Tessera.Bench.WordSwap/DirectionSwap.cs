using System.Text.RegularExpressions;
using Tessera.Engine.Text;

/// <summary>The up ↔ down swap in English and Chinese (left ↔ right is <see cref="CaptionMirror"/>), and which captions to leave out.</summary>
internal static partial class DirectionSwap
{
    [GeneratedRegex(@"\b(up|down)(wards?)?\b")]
    private static partial Regex EnglishVertical();

    // 上/下 only as a direction (向上, 往下, 朝上, 上升, 下降): "背景上" is "on the background".
    [GeneratedRegex("(?<=[向往朝])[上下]|上升|下降")]
    private static partial Regex ChineseVertical();

    // Camera moves say "pans left" of a scene moving right: those clips are left out.
    [GeneratedRegex(@"\b(camera|pans?|panning|zoom|zooms|zooming)\b|镜头|相机")]
    private static partial Regex Camera();

    public static bool HasCamera(string caption) => Camera().IsMatch(caption);

    public static bool NamesVertical(string caption) => EnglishVertical().IsMatch(caption) || ChineseVertical().IsMatch(caption);

    public static string SwapVertical(string caption)
    {
        var english = EnglishVertical().Replace(caption, m => (m.Groups[1].Value == "up" ? "down" : "up") + m.Groups[2].Value);
        return ChineseVertical().Replace(english, m => m.Value switch
        {
            "上" => "下", "下" => "上", "上升" => "下降", _ => "上升",
        });
    }
}
