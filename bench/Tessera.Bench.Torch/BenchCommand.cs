using System.CommandLine;
using System.Globalization;
using Tessera.Bench.Torch.Model;
using Tessera.Bench.Torch.Report;
using Tessera.Media;

namespace Tessera.Bench.Torch;

/// <summary>The command line: options, their checks, and the one-line error for anything a user got wrong.</summary>
public static class BenchCommand
{
    public static RootCommand Create()
    {
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var json = new Option<string?>("--json") { Description = "also write the results to this JSON file" };
        var libTorch = new Option<string?>("--libtorch")
        {
            Description = "load libtorch from this folder (e.g. PyTorch's torch/lib) instead of the one next to the program",
        };
        var sizes = new Option<string>("--sizes") { Description = "matrix sizes to time, comma-separated; empty skips matmuls", DefaultValueFactory = _ => "2048,4096" };
        var steps = new Option<int?>("--steps") { Description = "timed training steps per precision, 0 skips training (default: cpu 3, cuda 20)" };
        var warmup = new Option<int?>("--warmup") { Description = "untimed training steps first (default: cpu 1, cuda 3)" };
        var batch = new Option<int>("--batch") { Description = "sequences per training step", DefaultValueFactory = _ => BenchTransformerShape.Small.Batch };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: libtorch's choice)" };
        var minSeconds = new Option<double>("--min-seconds") { Description = "shortest timed batch of matmuls", DefaultValueFactory = _ => 1.0 };

        var root = new RootCommand(
            "Times matmuls (f32, tf32 on cuda, bf16) and a transformer training step (forward, backward, AdamW) on one device.\n\n" +
            "Examples:\n" +
            "  tessera-bench-torch --device cpu --json artifacts/bench-torch-cpu.json\n" +
            "  tessera-bench-torch --device cuda --libtorch /usr/lib/python3/dist-packages/torch/lib --json out/cuda.json");
        foreach (var option in new Option[] { device, json, libTorch, sizes, steps, warmup, batch, threads, minSeconds }) root.Options.Add(option);

        root.SetAction(parse => Guard(() =>
        {
            var deviceName = parse.GetValue(device)!;
            if (deviceName is not ("cpu" or "cuda")) throw new TesseraError($"--device {deviceName}: expected cpu or cuda");
            var cuda = deviceName == "cuda";
            var options = new BenchOptions(
                Cuda: cuda,
                JsonPath: parse.GetValue(json) is { } path ? BenchReportWriter.CheckJsonPath(path) : null,
                LibTorchDirectory: parse.GetValue(libTorch),
                MatrixSizes: ParseSizes(parse.GetValue(sizes) ?? ""),
                TimedSteps: Positive("--steps", parse.GetValue(steps) ?? (cuda ? 20 : 3), allowZero: true),
                WarmupSteps: Positive("--warmup", parse.GetValue(warmup) ?? (cuda ? 3 : 1), allowZero: true),
                Shape: BenchTransformerShape.Small with { Batch = Positive("--batch", parse.GetValue(batch), allowZero: false) },
                Threads: parse.GetValue(threads) is { } t ? Positive("--threads", t, allowZero: false) : null,
                MinimumSeconds: AboveZero("--min-seconds", parse.GetValue(minSeconds)));
            return BenchRunner.Run(options);
        }));
        return root;
    }

    private static IReadOnlyList<int> ParseSizes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 65536
                ? n
                : throw new TesseraError($"--sizes {text}: '{s}' is not a matrix size between 1 and 65536"))
            .ToList();

    private static int Positive(string name, int value, bool allowZero) =>
        value > 0 || (allowZero && value == 0) ? value : throw new TesseraError($"{name} {value}: must be {(allowZero ? "0 or more" : "1 or more")}");

    private static double AboveZero(string name, double value) =>
        value > 0 ? value : throw new TesseraError($"{name} {value}: must be above 0");

    private static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (TesseraError e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("TESSERA_DEBUG") != "1")
        {
            Console.Error.WriteLine($"error: internal failure ({e.GetType().Name}: {e.Message.Split('\n')[0]}); rerun with TESSERA_DEBUG=1 for details");
            return 1;
        }
    }
}
