namespace Tessera.World.Scenarios;

/// <summary>
/// The names a <see cref="FreeSceneMix"/> goes by: the same word in the command-line option (--lone-mover) and in a data
/// set's dataset.json ("mix": "lone-mover"), and a phrase for messages.
/// </summary>
public static class FreeSceneMixNames
{
    private static readonly (FreeSceneMix Mix, string Name, string Phrase)[] Table =
    [
        (FreeSceneMix.Mixed, "mixed", "the world's own mix"),
        (FreeSceneMix.LoneMover, "lone-mover", "lone movers"),
        (FreeSceneMix.TwoMovers, "two-movers", "two movers"),
        (FreeSceneMix.MoverAndStill, "mover-and-still", "a mover and a still object"),
        (FreeSceneMix.StillUnderCamera, "camera-move", "still objects under a camera move"),
    ];

    public static IEnumerable<string> All => Table.Select(t => t.Name);

    public static string Name(this FreeSceneMix mix) => Table.Single(t => t.Mix == mix).Name;

    public static string Describe(this FreeSceneMix mix) => Table.Single(t => t.Mix == mix).Phrase;

    public static bool TryParse(string name, out FreeSceneMix mix)
    {
        foreach (var t in Table)
            if (t.Name == name) { mix = t.Mix; return true; }
        mix = FreeSceneMix.Mixed;
        return false;
    }

    /// <summary>The mix a name stands for; callers check names with <see cref="TryParse"/> first.</summary>
    public static FreeSceneMix Parse(string name) =>
        TryParse(name, out var mix) ? mix : throw new ArgumentException($"unknown free-scene mix '{name}'", nameof(name));
}
