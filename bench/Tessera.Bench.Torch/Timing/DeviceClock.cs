using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Bench.Torch.Timing;

/// <summary>
/// Wall-clock timing that waits for the device: CUDA kernels run asynchronously, so a timer read
/// without a synchronize measures only how fast work was queued.
/// </summary>
public sealed class DeviceClock(Device device)
{
    public void Synchronize()
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }

    /// <summary>Processor seconds this process spent per repetition in the last <see cref="Time"/>, all threads together.</summary>
    /// <remarks>
    /// On a shared CPU the wall time says what the machine delivered that minute; processor time says
    /// what the work costs, whatever else ran. On CUDA it is the host's share: launching kernels.
    /// </remarks>
    public double LastProcessorSecondsEach { get; private set; }

    /// <summary>Runs <paramref name="work"/> <paramref name="repeats"/> times and returns the mean seconds of one.</summary>
    public double Time(int repeats, Action work)
    {
        Synchronize();
        var process = Process.GetCurrentProcess();
        var processorBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++) work();
        Synchronize();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        LastProcessorSecondsEach = (process.TotalProcessorTime - processorBefore).TotalSeconds / repeats;
        return wall / repeats;
    }

    /// <summary>
    /// Mean seconds of one <paramref name="work"/>, doubling the repetitions until a batch lasts at least
    /// <paramref name="minimumSeconds"/>: fast GPU kernels need thousands of calls to swamp timer and launch
    /// noise, slow CPU ones need a single call.
    /// </summary>
    public (double SecondsEach, int Repeats) TimeAdaptively(double minimumSeconds, Action work)
    {
        var repeats = 1;
        while (true)
        {
            var each = Time(repeats, work);
            if (each * repeats >= minimumSeconds || repeats >= 1 << 16) return (each, repeats);
            repeats = (int)Math.Min(1 << 16, Math.Max(repeats * 2, Math.Ceiling(minimumSeconds / Math.Max(each, 1e-9) * 1.2)));
        }
    }
}
