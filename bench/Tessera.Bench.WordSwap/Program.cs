// Does a trained DiT read its direction words? For held-out clips whose caption names one axis of motion, the
// velocity loss with the clip's own caption against the loss with that axis's words swapped (left ↔ right or
// up ↔ down), text-to-video, fixed noise and flow times. A model that follows a word loses a lot when it is swapped;
// one that ignores it loses nothing. Reported per language and axis.
//   dotnet run -c Release --project bench/Tessera.Bench.WordSwap -- HELDOUT_DIR CACHE_DIR [MODEL_DIR] [N=200]
// Measured on the session-7 model: left/right swapped +0.4 % (en) and +1.0 % (zh), up/down +14.5 % and +13.2 %.
using System.Globalization;
using Tessera.Engine.Conditioning;
using Tessera.Engine.Data;
using Tessera.Engine.Dit;
using Tessera.Engine.Flow;
using Tessera.Engine.Generation;
using Tessera.Engine.Latents;
using Tessera.Engine.Native;
using Tessera.Engine.Text;
using TorchSharp;
using static TorchSharp.torch;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Tessera.Bench.WordSwap HELDOUT_DIR CACHE_DIR [MODEL_DIR] [N=200]");
    return 2;
}
var inv = CultureInfo.InvariantCulture;
var modelDir = ModelDirectory.Resolve(args.Length > 2 ? args[2] : null);
var n = args.Length > 3 ? int.Parse(args[3], inv) : 200;
TorchNative.EnsureLoaded();
var (model, tokenizer, _) = DitCheckpoint.Load(Path.Combine(modelDir, ModelDirectory.DitFile));
var vaePath = Path.Combine(modelDir, ModelDirectory.VaeFile);
using var codec = VaeLatentCodec.Load(vaePath, CPU);
var dataset = ClipDataset.Open(args[0]);
using var set = LatentCache.Build(dataset, codec, VaeLatentCodec.Identify(vaePath), args[1], maxClips: n);

double[] times = [0.3, 0.5, 0.7, 0.9];
var generator = new Generator(7);
var rows = new SortedDictionary<string, (double Own, double Swapped, int Count)>(StringComparer.Ordinal);
using var _ = torch.no_grad();
for (var i = 0; i < set.Count; i++)
{
    using var scope = torch.NewDisposeScope();
    var x0 = set.Video[i].unsqueeze(0);
    var noise = torch.randn(x0.shape, generator: generator);
    var condition = FrameCondition.None(1, x0.shape[1], x0.shape[2], x0.shape[3], x0.shape[4]);
    foreach (var caption in set.Captions[i])
    {
        if (DirectionSwap.HasCamera(caption)) continue;
        var (side, vertical) = (CaptionMirror.NamesSide(caption), DirectionSwap.NamesVertical(caption));
        if (side == vertical) continue;                     // neither, or both axes: no clean swap
        var swapped = side ? CaptionMirror.Mirror(caption) : DirectionSwap.SwapVertical(caption);
        var (own, other) = (Loss(caption), Loss(swapped));
        var key = $"{(caption.Any(c => c >= 0x2E80) ? "zh" : "en")} {(side ? "left/right" : "up/down")}";
        var row = rows.GetValueOrDefault(key);
        rows[key] = (row.Own + own, row.Swapped + other, row.Count + 1);
    }

    double Loss(string caption)
    {
        var ids = torch.tensor(tokenizer.Encode(caption).Rows, [1, tokenizer.MaxTokens]);
        double sum = 0;
        foreach (var time in times)
        {
            var t = torch.full(1, time);
            var velocity = model.forward(condition.Input(FlowMatching.Noise(x0, noise, t), model.Config), t, ids);
            sum += nn.functional.mse_loss(velocity, noise - x0).item<float>();
        }
        return sum / times.Length;
    }
}
Console.WriteLine($"{modelDir}: {set.Count} held-out clips of {args[0]}, text-to-video loss at t = {string.Join(", ", times)}");
Console.WriteLine("| captions | n | own caption | words swapped | change |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
foreach (var (key, (own, swapped, count)) in rows)
    Console.WriteLine(string.Create(inv, $"| {key} | {count} | {own / count:0.0000} | {swapped / count:0.0000} | {100 * (swapped - own) / own:+0.0;-0.0} % |"));
return 0;
