using System.CommandLine;
using Tessera.Media;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;

namespace Tessera.Cli.Verbs;

/// <summary>Options shared by the world's sub-commands, and how they become a scenario and a format.</summary>
internal static class WorldOptions
{
    public static Option<string> Scenario() => new("--scenario")
    {
        Description = "free (the open world) or a PhyWorld scenario: uniform, collision, parabola",
        DefaultValueFactory = _ => "free",
    };

    public static Option<string?> Size() => new("--size") { Description = "WIDTHxHEIGHT, e.g. 64x64, 1080x1920 (default: 64x64 free, 128x128 PhyWorld)" };
    public static Option<int?> Frames() => new("--frames") { Description = "Frames per clip (default: 16 free, 32 PhyWorld)" };
    public static Option<double?> Fps() => new("--fps") { Description = "Frames per second (default: 8 free, 10 PhyWorld = 0.1 s per frame)" };
    public static Option<long> Seed() => new("--seed") { Description = "Random seed: same seed, same scene", DefaultValueFactory = _ => 0 };
    public static Option<bool> Ood() => new("--ood") { Description = "PhyWorld: draw radius and/or speed out of the training distribution" };

    public static SceneFormat Format(ScenarioKind kind, string? size, int? frames, double? fps)
    {
        var d = WorldScenes.DefaultFormat(kind);
        var (w, h) = size is null ? (d.Width, d.Height) : SceneFormat.ParseSize(size);
        return new SceneFormat(w, h, frames ?? d.Frames, fps ?? d.Fps).Validate();
    }

    public static void RequireOutputFolder(string path, string option)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) throw new TesseraError($"{option} {path}: folder {dir} does not exist; create it first");
    }
}
