using Tessera.Engine.Dit;
using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Dit;

public sealed class PrecisionChoiceTests
{
    // Abridged /proc/cpuinfo flags lines of the two development machines.
    private const string Zen3 = "flags\t\t: fpu vme sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2 sha_ni vaes vpclmulqdq rdpid fsrm";
    private const string Zen5 = "flags\t\t: fpu sse2 avx avx2 avx512f avx512dq avx512bw avx512vl avx512_bf16 avx512_vnni avx512_vp2intersect";

    [Theory]
    [InlineData(Zen3, false)]
    [InlineData(Zen5, true)]
    [InlineData("flags : avx2 amx_bf16 amx_tile amx_int8", true)]
    [InlineData("flags : avx2 avx512_bf16x", false)]   // a flag is a whole word, not a prefix
    [InlineData("", false)]                          // no /proc/cpuinfo (not Linux, or not x86)
    public void NativeBf16IsReadFromTheCpuFlags(string flags, bool expected) =>
        Assert.Equal(expected, PrecisionChoice.HasNativeBf16(flags));

    [Fact]
    public void ExplicitPrecisionsAreKeptAndAutoIsBf16OnCuda()
    {
        Assert.Equal(ScalarType.Float32, PrecisionChoice.Resolve("f32", DeviceType.CPU));
        Assert.Equal(ScalarType.BFloat16, PrecisionChoice.Resolve("bf16", DeviceType.CPU));
        Assert.Equal(ScalarType.BFloat16, PrecisionChoice.Resolve("auto", DeviceType.CUDA));
    }

    [Fact]
    public void AutoOnTheCpuFollowsThisMachinesFlags()
    {
        var expected = PrecisionChoice.HasNativeBf16(PrecisionChoice.ReadCpuFlags()) ? ScalarType.BFloat16 : ScalarType.Float32;
        Assert.Equal(expected, PrecisionChoice.Resolve("AUTO", DeviceType.CPU));
        Assert.Contains(expected == ScalarType.BFloat16 ? "bf16" : "f32", PrecisionChoice.Describe(DeviceType.CPU));
    }

    [Fact]
    public void AnUnknownPrecisionNamesTheChoices()
    {
        var e = Assert.Throws<TesseraError>(() => PrecisionChoice.Resolve("fp8", DeviceType.CPU));
        Assert.Contains("'fp8'", e.Message);
        Assert.Contains("auto, f32 or bf16", e.Message);
    }
}
