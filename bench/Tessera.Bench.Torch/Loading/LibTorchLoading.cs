using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Tessera.Engine.Native;
using Tessera.Media;
using TorchSharp;

namespace Tessera.Bench.Torch.Loading;

/// <summary>
/// Gets TorchSharp's native side loaded, either with the libtorch shipped next to the program
/// (TorchSharp-cpu, through the engine's <see cref="TorchNative"/>) or with a libtorch found elsewhere:
/// on the lent GPU machine that is PyTorch's own torch/lib folder, since a CUDA libtorch is gigabytes
/// and cannot travel. TorchSharp 0.107 was built against libtorch 2.10; loading it against another
/// version works only where the C++ symbols it imports still exist, which is what a run there tests.
/// </summary>
public static class LibTorchLoading
{
    private const string NeededVersion = "GLIBCXX_3.4.32";
    private const string AvailableVersion = "GLIBCXX_3.4.30";

    /// <summary>Loads libtorch and returns one line saying how.</summary>
    public static string Load(string? libTorchDirectory, bool wantCuda)
    {
        if (libTorchDirectory is null)
        {
            TorchNative.EnsureLoaded();
            return TorchNative.Status;
        }
        var status = LoadFrom(Path.GetFullPath(libTorchDirectory), wantCuda);
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is not TesseraError)
        {
            throw new TesseraError($"TorchSharp did not initialise against {libTorchDirectory} ({FirstLine(e.Message)}); {status}", 1, e);
        }
        return status;
    }

    private static string LoadFrom(string dir, bool wantCuda)
    {
        if (!File.Exists(Path.Combine(dir, "libtorch_cpu.so")))
            throw new TesseraError($"--libtorch {dir}: no libtorch_cpu.so there; pass the lib folder of a libtorch or of PyTorch (python3 -c \"import torch,os;print(os.path.dirname(torch.__file__)+'/lib')\")");
        // Dependencies first, by full path: libLibTorchSharp.so's DT_NEEDED entries (libc10.so,
        // libtorch_cpu.so, libtorch.so) then resolve by soname to these instead of being searched for.
        var order = new List<string> { "libc10.so", "libtorch_cpu.so" };
        if (wantCuda) order.AddRange(["libc10_cuda.so", "libtorch_cuda.so"]);
        order.Add("libtorch.so");
        var loaded = new List<string>();
        foreach (var name in order)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
            {
                if (name.Contains("cuda", StringComparison.Ordinal)) continue; // a CPU-only libtorch
                throw new TesseraError($"--libtorch {dir}: {name} is missing; that folder is not a complete libtorch", 1);
            }
            LoadOrExplain(path);
            loaded.Add(name);
        }
        var bridge = BridgeLibraryPath();
        LoadOrExplain(bridge);
        return $"libtorch from {dir} ({string.Join(", ", loaded)}); TorchSharp bridge {bridge}";
    }

    private static void LoadOrExplain(string path)
    {
        try
        {
            NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            // dlerror's text names the missing library or symbol: the one fact worth reporting.
            throw new TesseraError($"loading {path} failed: {FirstLine(e.Message)}", 1, e);
        }
    }

    /// <summary>
    /// libLibTorchSharp.so from the program folder, or a copy whose GLIBCXX_3.4.32 need is renamed
    /// when this machine's libstdc++ is older (Debian 12); the same repair as <see cref="TorchNative"/>.
    /// A bridge rebuilt against another libtorch replaces the file in the program folder, since
    /// TorchSharp also loads it from there by name.
    /// </summary>
    private static string BridgeLibraryPath()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        if (!File.Exists(shipped))
            throw new TesseraError($"libLibTorchSharp.so is not next to the program in {AppContext.BaseDirectory}; publish it with scripts/device-publish", 1);
        if (LibStdCxxHas(NeededVersion)) return shipped;

        var bytes = File.ReadAllBytes(shipped);
        var patched = ElfVersionNeedPatcher.RenameVersionNeed(bytes, NeededVersion, AvailableVersion);
        if (patched is null) return shipped;
        var hash = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        var repaired = Path.Combine(Path.GetTempPath(), "tessera-torchsharp-native", hash, "libLibTorchSharp.so");
        if (!File.Exists(repaired))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(repaired)!);
            AtomicFile.WriteAllBytes(repaired, patched);
        }
        return repaired;
    }

    private static bool LibStdCxxHas(string version)
    {
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/') is var i and >= 0 ? line[i..].Trim() : "")
            .FirstOrDefault(p => p.Contains("libstdc++.so", StringComparison.Ordinal));
        path ??= "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        if (!File.Exists(path)) return false;
        var needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
