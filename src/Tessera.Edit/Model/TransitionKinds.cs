namespace Tessera.Edit;

/// <summary>
/// Transition names a timeline may use, mapped to ffmpeg's xfade transitions. The friendly names are
/// the ones editors show (crossfade, fade-through-black); every xfade name works as well.
/// </summary>
public static class TransitionKinds
{
    private static readonly string[] Xfade =
    [
        "fade", "wipeleft", "wiperight", "wipeup", "wipedown", "slideleft", "slideright", "slideup", "slidedown",
        "circlecrop", "rectcrop", "distance", "fadeblack", "fadewhite", "radial", "smoothleft", "smoothright",
        "smoothup", "smoothdown", "circleopen", "circleclose", "vertopen", "vertclose", "horzopen", "horzclose",
        "dissolve", "pixelize", "diagtl", "diagtr", "diagbl", "diagbr", "hlslice", "hrslice", "vuslice", "vdslice",
        "hblur", "fadegrays", "wipetl", "wipetr", "wipebl", "wipebr", "squeezeh", "squeezev", "zoomin",
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["crossfade"] = "fade",
        ["fade-through-black"] = "fadeblack",
        ["fade-through-white"] = "fadewhite",
        ["wipe-left"] = "wipeleft", ["wipe-right"] = "wiperight", ["wipe-up"] = "wipeup", ["wipe-down"] = "wipedown",
        ["slide-left"] = "slideleft", ["slide-right"] = "slideright", ["slide-up"] = "slideup", ["slide-down"] = "slidedown",
    };

    /// <summary>Every accepted name, friendly ones first.</summary>
    public static IReadOnlyCollection<string> Names { get; } = Aliases.Keys.Concat(Xfade).ToArray();

    /// <summary>The xfade transition for a name, or null if it is not one.</summary>
    public static string? ToXfade(string name) =>
        Aliases.TryGetValue(name, out var x) ? x : Array.IndexOf(Xfade, name) >= 0 ? name : null;
}
