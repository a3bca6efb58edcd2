using System.CommandLine;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera world bench</c>: placeholder until the evaluator lands.</summary>
public static class WorldBenchCommand
{
    public static Command Create() => NotAvailableVerb.Create("bench", "Measure the world: adherence of ground truth, velocity-error floor, data set throughput");
}
