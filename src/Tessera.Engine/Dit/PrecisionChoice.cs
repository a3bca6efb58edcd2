using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Dit;

/// <summary>
/// Picks the matmul precision for "auto": bf16 only where the hardware multiplies it natively. On an x86 CPU
/// without AVX-512 BF16 or AMX, libtorch emulates bf16 matmuls: measured on an AVX2-only AMD EPYC (Zen 3),
/// 1.3 GFLOP/s against 90 GFLOP/s in f32 on one thread, 70× slower, while a Zen 5 with AVX-512 BF16 runs bf16
/// 4× faster than f32. The CPU's feature flags decide, so the choice costs nothing at start-up.
/// </summary>
public static class PrecisionChoice
{
    public const string Auto = "auto";

    /// <summary>"auto", "f32" or "bf16" for a device: auto is bf16 on CUDA and on CPUs with native bf16, f32 elsewhere.</summary>
    public static ScalarType Resolve(string name, DeviceType device) =>
        name.Equals(Auto, StringComparison.OrdinalIgnoreCase) ? Best(device) : ComputePrecision.Parse(name);

    public static ScalarType Best(DeviceType device) => Choose(device).Type;

    /// <summary>Why auto chose what it did, for logs.</summary>
    public static string Describe(DeviceType device) => Choose(device).Why;

    private static (ScalarType Type, string Why) Choose(DeviceType device) =>
        device == DeviceType.CUDA ? (ScalarType.BFloat16, "bf16 (CUDA)")
        : CpuHasNativeBf16.Value ? (ScalarType.BFloat16, "bf16 (the CPU has native bf16: avx512_bf16 or amx_bf16)")
        : (ScalarType.Float32, "f32 (the CPU has no native bf16, which libtorch would emulate at a small fraction of the f32 rate)");

    private static readonly Lazy<bool> CpuHasNativeBf16 = new(() => HasNativeBf16(ReadCpuFlags()));

    /// <summary>The flags line of /proc/cpuinfo, or empty where there is none (not Linux, not x86).</summary>
    internal static string ReadCpuFlags()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("flags", StringComparison.Ordinal)) return line;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return "";
    }

    internal static bool HasNativeBf16(string flagsLine)
    {
        var colon = flagsLine.IndexOf(':');
        var flags = (colon < 0 ? flagsLine : flagsLine[(colon + 1)..]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return flags.Contains("avx512_bf16") || flags.Contains("amx_bf16");
    }
}
