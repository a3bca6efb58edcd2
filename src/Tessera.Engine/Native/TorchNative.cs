using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Tessera.Media;
using TorchSharp;

namespace Tessera.Engine.Native;

/// <summary>
/// Makes TorchSharp's native libraries load on this machine before the first torch call.
/// TorchSharp 0.107's libLibTorchSharp.so was linked against GCC 13 and declares a need for
/// GLIBCXX_3.4.32, which Debian 12's libstdc++ (GCC 12, up to 3.4.30) lacks. When the system
/// libstdc++ lacks that version, a repaired copy (see <see cref="ElfVersionNeedPatcher"/>) is written
/// once to a cache folder, and libc10, libtorch_cpu, libtorch and then the repaired copy are loaded by
/// path; the runtime's later lookup of "LibTorchSharp" then finds the library already loaded.
/// </summary>
public static class TorchNative
{
    private const string NeededVersion = "GLIBCXX_3.4.32";
    private const string AvailableVersion = "GLIBCXX_3.4.30";
    private static readonly object Gate = new();
    private static bool _loaded;

    /// <summary>What was done, for diagnostics ("system libstdc++ is new enough", "repaired copy at …").</summary>
    public static string Status { get; private set; } = "not loaded";

    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return;
            if (OperatingSystem.IsLinux() && !SystemLibStdCxxHas(NeededVersion)) LoadRepairedCopy();
            else Status = "system libstdc++ is new enough; TorchSharp loads as shipped";
            try
            {
                // Touch the native backend now so a failure surfaces here, with our message.
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is not TesseraError)
            {
                throw new TesseraError($"libtorch could not be loaded ({e.Message}); {Status}", 1, e);
            }
            _loaded = true;
        }
    }

    private static void LoadRepairedCopy()
    {
        var nativeDir = FindNativeDirectory();
        var original = Path.Combine(nativeDir, "libLibTorchSharp.so");
        var bytes = File.ReadAllBytes(original);
        var hash = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        var cacheDir = Path.Combine(CacheRoot(), "torchsharp-native", hash);
        var repaired = Path.Combine(cacheDir, "libLibTorchSharp.so");
        if (!File.Exists(repaired))
        {
            var patched = ElfVersionNeedPatcher.RenameVersionNeed(bytes, NeededVersion, AvailableVersion);
            if (patched is null)
            {
                Status = $"{original} does not need {NeededVersion}; loaded as shipped";
                return;
            }
            Directory.CreateDirectory(cacheDir);
            AtomicFile.WriteAllBytes(repaired, patched);
        }
        // Dependencies first, by full path, so the repaired copy's DT_NEEDED entries resolve to them.
        foreach (var dep in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            var path = Path.Combine(nativeDir, dep);
            if (File.Exists(path)) NativeLibrary.Load(path);
        }
        NativeLibrary.Load(repaired);
        Status = $"system libstdc++ lacks {NeededVersion}; loaded a repaired copy from {repaired}";
    }

    /// <summary>The folder holding libtorch: the app folder (RID-specific build) or runtimes/linux-x64/native.</summary>
    private static string FindNativeDirectory()
    {
        var baseDir = AppContext.BaseDirectory;
        foreach (var dir in new[] { baseDir, Path.Combine(baseDir, "runtimes", "linux-x64", "native") })
            if (File.Exists(Path.Combine(dir, "libLibTorchSharp.so")) && File.Exists(Path.Combine(dir, "libtorch_cpu.so")))
                return dir;
        throw new TesseraError($"libtorch was not found next to the program in {baseDir}; rebuild with ./tessera (the TorchSharp-cpu package provides it)", 1);
    }

    private static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "tessera");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? Path.Combine(Path.GetTempPath(), "tessera-cache") : Path.Combine(home, ".cache", "tessera");
    }

    /// <summary>True if the libstdc++ this process uses (the .NET runtime maps it) defines the version.</summary>
    private static bool SystemLibStdCxxHas(string version)
    {
        var path = LoadedLibStdCxxPath() ?? "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        if (!File.Exists(path)) return false;
        var needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;
    }

    private static string? LoadedLibStdCxxPath()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var i = line.IndexOf('/');
                if (i >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal)) return line[i..].Trim();
            }
        }
        catch (IOException) { }
        return null;
    }
}
