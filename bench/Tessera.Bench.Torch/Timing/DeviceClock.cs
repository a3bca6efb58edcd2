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

    /// <summary>Runs <paramref name="work"/> <paramref name="repeats"/> times and returns the mean seconds of one.</summary>
    public double Time(int repeats, Action work)
    {
        Synchronize();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++) work();
        Synchronize();
        return watch.Elapsed.TotalSeconds / repeats;
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
