using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tessera.Cli.Terminal;
using Tessera.Media;
using Tessera.World.Datasets;
using Tessera.World.Evaluation;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;

namespace Tessera.Cli.Verbs;

/// <summary>
/// <c>tessera world bench</c>: the world's numbers for docs/BENCHMARKS.md. Ground truth through the real codec
/// (data set writer → MP4 → evaluator): prompt adherence of N free scenes, PhyWorld velocity-error floor per
/// scenario, and data set throughput at 64×64×16 and 128×128×32.
/// </summary>
public static class WorldBenchCommand
{
    public static Command Create()
    {
        var scenes = new Option<int>("--scenes") { Description = "Free scenes for the adherence check", DefaultValueFactory = _ => 200 };
        var phy = new Option<int>("--phyworld") { Description = "Scenes per PhyWorld scenario for the velocity floor", DefaultValueFactory = _ => 50 };
        var throughput = new Option<int>("--throughput") { Description = "Videos per throughput run", DefaultValueFactory = _ => 256 };
        var work = new Option<string?>("--work") { Description = "Scratch folder (default: a temp folder, removed after)" };
        var command = new Command("bench", VerbAction.Describe(
            "Measure the world: ground-truth adherence, PhyWorld velocity-error floor, data set throughput",
            "tessera world bench",
            "tessera world bench --scenes 50 --phyworld 20 --throughput 64"));
        foreach (var o in new Option[] { scenes, phy, throughput, work }) command.Options.Add(o);
        VerbAction.Set(command, parse =>
        {
            var root = parse.GetValue(work) ?? Directory.CreateTempSubdirectory("tessera-world-bench-").FullName;
            Directory.CreateDirectory(root);
            try
            {
                var n = parse.GetValue(scenes);
                foreach (var size in n > 0 ? new[] { 64, 32 } : [])
                {
                    var r = Score(Path.Combine(root, $"free-{size}"), ScenarioKind.Free, new SceneFormat(size, size, 16, 8), n, ood: false);
                    var s = EvaluationSummary.Of(r);
                    Line($"free {size}x{size}x16: {r.Count} scenes, adherence {s.AdherencePass:P1} (colour {s.ColorPass:P1}, shape {s.ShapePass:P1}, direction {s.DirectionPass:P1}, count {s.CountPass:P1})");
                    foreach (var bad in r.Where(x => x.AdherenceOk != true).Take(5))
                        Line($"  failed: \"{bad.Prompt}\": {string.Join("; ", bad.Notes.Where(x => x.Contains("(fail)") || x.Contains("expected a") || x.StartsWith("colour", StringComparison.Ordinal)))}");
                }
                foreach (var kind in parse.GetValue(phy) > 0 ? new[] { ScenarioKind.Uniform, ScenarioKind.Collision, ScenarioKind.Parabola } : [])
                foreach (var ood in new[] { false, true })
                {
                    var r = Score(Path.Combine(root, $"{kind.Name()}-{ood}"), kind, SceneFormat.PhyWorld, parse.GetValue(phy), ood);
                    var errors = r.Where(x => x.VelocityError is not null).Select(x => x.VelocityError!.Value).ToList();
                    var perFrame = r.Where(x => x.VelocityErrorPerFrame is not null).Select(x => x.VelocityErrorPerFrame!.Value).ToList();
                    Line($"{kind.Name(),-9} {(ood ? "ood" : "in "),-3} 128x128x32: {errors.Count} scenes, ground-truth velocity_error mean {errors.Average():0.0000} (median {Median(errors):0.0000}, max {errors.Max():0.0000}), per-frame {perFrame.Average():0.0000}; adherence {EvaluationSummary.Of(r).AdherencePass:P1}");
                }
                var count = parse.GetValue(throughput);
                foreach (var format in count > 0 ? new[] { new SceneFormat(64, 64, 16, 8), SceneFormat.PhyWorld } : [])
                {
                    var dir = Path.Combine(root, $"throughput-{format.Width}");
                    var result = DatasetWriter.Write(new DatasetRequest(ScenarioKind.Free, format, count, dir, Seed: 99));
                    Line($"dataset free {format.Width}x{format.Height}x{format.Frames}: {result.Written} videos in {result.Seconds:0.0} s = {result.VideosPerSecond:0.0} videos/s ({Environment.ProcessorCount} cores)");
                }
            }
            finally
            {
                if (parse.GetValue(work) is null) Directory.Delete(root, recursive: true);
            }
            return 0;
        });
        return command;
    }

    private static List<EvaluationReport> Score(string dir, ScenarioKind kind, SceneFormat format, int count, bool ood)
    {
        DatasetWriter.Write(new DatasetRequest(kind, format, count, dir, Seed: 2024, OutOfDistribution: ood));
        var requests = FolderEvaluator.Discover(dir);
        return TerminalProgress.Run($"eval {kind.Name()}", "videos", p => FolderEvaluator.EvaluateAll(requests, p));
    }

    private static double Median(List<double> v) => ObjectTrack.Median(v);

    private static void Line(FormattableString s) => Console.WriteLine(s.ToString(CultureInfo.InvariantCulture));
}
