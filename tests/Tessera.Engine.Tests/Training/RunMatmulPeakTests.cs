using Tessera.Engine.Native;
using Tessera.Engine.Training;
using TorchSharp;

namespace Tessera.Engine.Tests.Training;

public sealed class RunMatmulPeakTests : IDisposable
{
    private readonly string _run = Path.Combine(Path.GetTempPath(), "tessera-peak-" + Guid.NewGuid().ToString("N")[..8]);

    public RunMatmulPeakTests()
    {
        TorchNative.EnsureLoaded();   // MatmulPeak.Describe reads torch's thread count
        Directory.CreateDirectory(_run);
    }

    public void Dispose()
    {
        if (Directory.Exists(_run)) Directory.Delete(_run, true);
    }

    private static MatmulPeak Peak(double gflops) => new(torch.ScalarType.Float32, 2048, gflops);

    [Fact]
    public void A_resume_on_a_busy_machine_is_measured_against_the_runs_best_peak()
    {
        Assert.Equal(170.0, RunMatmulPeak.Best(_run, Peak(170), threads: 2).GflopsPerSecond);   // nothing stored yet
        RunMatmulPeak.Save(_run, Peak(170), threads: 2);

        // Resumed while a build shares the cores: the probe reads 130, MFU stays against 170.
        var busy = Peak(130);
        var best = RunMatmulPeak.Best(_run, busy, threads: 2);
        Assert.Equal(170.0, best.GflopsPerSecond);
        Assert.Contains("this run's best, 170.0 GFLOP/s", RunMatmulPeak.Describe(busy, best));

        // Saving the lower reading keeps the best; a higher one replaces it.
        RunMatmulPeak.Save(_run, busy, threads: 2);
        Assert.Equal(170.0, RunMatmulPeak.Best(_run, busy, threads: 2).GflopsPerSecond);
        RunMatmulPeak.Save(_run, Peak(180), threads: 2);
        Assert.Equal(180.0, RunMatmulPeak.Best(_run, busy, threads: 2).GflopsPerSecond);
        Assert.DoesNotContain("best", RunMatmulPeak.Describe(Peak(190), RunMatmulPeak.Best(_run, Peak(190), threads: 2)));
    }

    [Fact]
    public void A_peak_taken_another_way_or_an_unreadable_record_is_not_used()
    {
        RunMatmulPeak.Save(_run, Peak(170), threads: 2);
        Assert.Equal(90.0, RunMatmulPeak.Best(_run, Peak(90), threads: 1).GflopsPerSecond);          // other thread count
        Assert.Equal(90.0, RunMatmulPeak.Best(_run, Peak(90) with { DType = torch.ScalarType.BFloat16 }, threads: 2).GflopsPerSecond);

        File.WriteAllText(Path.Combine(_run, RunMatmulPeak.FileName), "{ not json");
        Assert.Equal(90.0, RunMatmulPeak.Best(_run, Peak(90), threads: 2).GflopsPerSecond);
        RunMatmulPeak.Save(_run, Peak(90), threads: 2);                                               // repaired
        Assert.Equal(90.0, RunMatmulPeak.Best(_run, Peak(50), threads: 2).GflopsPerSecond);
    }

    [Fact]
    public void Saving_never_creates_a_run_folder()
    {
        var missing = Path.Combine(_run, "not-a-run");
        RunMatmulPeak.Save(missing, Peak(170), threads: 2);
        Assert.False(Directory.Exists(missing));
    }
}
