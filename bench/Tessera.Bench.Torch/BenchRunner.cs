using Tessera.Bench.Torch.Loading;
using Tessera.Bench.Torch.Report;
using Tessera.Bench.Torch.Timing;
using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Bench.Torch;

/// <summary>Loads libtorch, reports what it sees, then times every measurement the options ask for on one device.</summary>
public static class BenchRunner
{
    public static int Run(BenchOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var loader = LibTorchLoading.Load(options.LibTorchDirectory, options.Cuda);
        Console.WriteLine($"loader: {loader}");
        if (options.Threads is { } threads) set_num_threads(threads);
        var cudaAvailable = cuda.is_available();
        var cudaDevices = cudaAvailable ? cuda.device_count() : 0;
        Console.WriteLine($"TorchSharp built for libtorch {__version__}; torch threads {get_num_threads()} of {Environment.ProcessorCount} processors; " +
                          $"cuda available: {cudaAvailable} ({cudaDevices} device(s)); cudnn: {(cudaAvailable ? cuda.is_cudnn_available() : false)}");
        if (options.Cuda && !cudaAvailable)
            throw new TesseraError("--device cuda: libtorch reports no usable CUDA device; check nvidia-smi and that --libtorch names a CUDA build (libtorch_cuda.so)", 1);

        var device = options.Cuda ? CUDA : CPU;
        var results = new List<BenchResult>();
        var failures = new List<string>();
        void Measure(string what, Func<BenchResult> measurement)
        {
            try
            {
                var result = measurement();
                results.Add(result);
                BenchReportWriter.Print(result);
            }
            catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or InvalidOperationException or ArgumentException)
            {
                // A precision a libtorch build lacks (bf16 kernels, say) is a finding to report, not a reason to stop.
                var line = $"{what}: {e.Message.Split('\n')[0]}";
                failures.Add(line);
                Console.WriteLine($"FAILED {line}");
            }
        }

        BenchReportWriter.PrintHeader();
        foreach (var precision in BenchPrecision.For(device))
            foreach (var n in options.MatrixSizes)
                Measure($"matmul {precision.Name} {n}", () => MatmulBench.Run(device, precision, n, options.MinimumSeconds));
        if (options.TimedSteps > 0)
            foreach (var precision in BenchPrecision.For(device))
                Measure($"train-step {precision.Name}",
                    () => TrainingStepBench.Run(device, precision, options.Shape, options.WarmupSteps, options.TimedSteps));
        BenchPrecision.F32.Apply(device);

        if (options.JsonPath is { } path)
            BenchReportWriter.WriteJson(path, new BenchRun(Environment.MachineName, Environment.ProcessorCount, get_num_threads(), loader,
                cudaAvailable, cudaDevices, started, results, failures));
        return failures.Count == 0 ? 0 : 1;
    }
}
