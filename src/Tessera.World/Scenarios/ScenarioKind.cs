using Tessera.Media;

namespace Tessera.World.Scenarios;

/// <summary>The world's scenarios: the open "free" world, and PhyWorld's three physics benchmarks.</summary>
public enum ScenarioKind { Free, Uniform, Collision, Parabola }

public static class ScenarioNames
{
    public static readonly IReadOnlyList<string> All = ["free", "uniform", "collision", "parabola"];

    public static string Name(this ScenarioKind kind) => kind.ToString().ToLowerInvariant();

    public static ScenarioKind Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "free" => ScenarioKind.Free,
        "uniform" => ScenarioKind.Uniform,
        "collision" => ScenarioKind.Collision,
        "parabola" => ScenarioKind.Parabola,
        _ => throw new TesseraError($"unknown scenario '{text}': use one of {string.Join(", ", All)} (--scenario)"),
    };

    public static bool IsPhyWorld(this ScenarioKind kind) => kind != ScenarioKind.Free;
}
