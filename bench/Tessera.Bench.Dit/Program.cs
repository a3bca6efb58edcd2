// Measures, in one run and side by side, the DiT's training step and sampling forward pass for a
// preset: bf16 vs f32 matmuls, and F.linear vs an explicit matmul. Reports CPU seconds (the machine is
// shared, so process CPU time is steadier than wall time) and the matching samples/s and GFLOP/s.
//   dotnet run -c Release --project bench/Tessera.Bench.Dit -- [preset=tiny] [batch=16] [threads=1] [repeats=3]
//   dotnet run -c Release --project bench/Tessera.Bench.Dit -- presets [threads=2]     (the per-preset table)
using System.Diagnostics;
using System.Globalization;
using Tessera.Engine.Dit;
using Tessera.Engine.Native;
using TorchSharp;
using static TorchSharp.torch;

if (args.Length > 0 && args[0] == "presets")
{
    TorchNative.EnsureLoaded();
    torch.set_num_threads(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2);
    PresetTable.Run(["micro", "tiny", "small", "base", "large"], batch: 16, steps: 20);
    return;
}
var preset = args.Length > 0 ? args[0] : "tiny";
var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
var repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
TorchNative.EnsureLoaded();
torch.set_num_threads(threads);
torch.manual_seed(0);
var config = DitConfig.Preset(preset) with { VocabularySize = 500, LatentChannels = 8 };
using var model = new DiffusionTransformer(config);
const int tokens = 5 * 8 * 8;   // 17 frames at 64×64 through the ×4/×4 VAE and 1×2×2 patches
var flops = model.TrainingFlopsPerSample(tokens);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"DiT {preset}: {model.ParameterCount() / 1e6:0.00}M parameters, {tokens} tokens, batch {batch}, {threads} thread(s), {flops / 1e9:0.00} GFLOP per training sample"));
var me = Process.GetCurrentProcess();
double CpuSeconds(Action work)
{
    work();   // warm-up: kernel selection and caches
    work();
    me.Refresh();
    var start = me.TotalProcessorTime;
    for (var i = 0; i < repeats; i++) work();
    me.Refresh();
    return (me.TotalProcessorTime - start).TotalSeconds / repeats;
}
var x = torch.randn([batch, config.InputChannels, 5, 16, 16]);
var ids = torch.ones(batch, config.MaxTextTokens, ScalarType.Int64);
var t = torch.rand(batch);
var x2 = torch.randn([2, config.InputChannels, 5, 16, 16]);   // one sampling step of one video: CFG doubles the batch
var ids2 = torch.ones(2, config.MaxTextTokens, ScalarType.Int64);
var t2 = torch.rand(2);
// Two rounds, the first discarded: the first configuration measured in a process runs slow (kernel
// selection, allocator warm-up), which would favour whichever comes second.
for (var round = 0; round < 2; round++)
foreach (var type in new[] { ScalarType.BFloat16, ScalarType.Float32 })
foreach (var matmul in new[] { true, false })
{
    model.Precision.Type = type;
    MixedLinear.UseMatmul = matmul;
    var step = CpuSeconds(() =>
    {
        using var scope = torch.NewDisposeScope();
        model.zero_grad();
        model.forward(x, t, ids).square().mean().backward();
    });
    var sample = CpuSeconds(() =>
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        model.forward(x2, t2, ids2);
    });
    if (round == 0) continue;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{type,-9} {(matmul ? "matmul" : "F.linear"),-8}: training step {step:0.000} CPU-s = {batch / step:0.0} samples per CPU-s ({batch * flops / step / 1e9:0.0} GFLOP/s); sampling step (CFG, 1 video) {sample * 1000:0} CPU-ms"));
}
