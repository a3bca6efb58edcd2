// How much of a PhyWorld ball's speed survives the VAE's encoding of a video-prediction context, as the DiT is given it:
// the first N frames, the last one held to fill the VAE's last 4-frame group (N = 3: frames 0, 1, 2, 2, 2), encoded,
// then decoded. For each uniform-motion scene of a raw-format data set it prints the ball's x (the red mask's centre,
// as PhyWorld parses it) in the real and the decoded context frames, and the speed each implies over frames 0 → N−1
// against the truth; then the mean absolute and signed errors. A DiT reads the latents, not the decode, so this bounds
// nothing exactly: it shows what the codec does to the positions the speed must be read from (docs/BENCHMARKS.md,
// PhyWorld, session 20). The last column decodes each context frame encoded alone, as a still: what a model made with
// context stills is also given (docs/MODEL.md, "Context stills"; session 21).
//
//   dotnet run -c Release --project bench/Tessera.Bench.ContextProbe -- VAE.safetensors DATA_DIR [CONTEXT_FRAMES=3]
//   DATA_DIR: `tessera world dataset --scenario uniform --format raw …`, or a ModelEval run's phyworld_in/data
using System.Globalization;
using Tessera.Engine.Conditioning;
using Tessera.Engine.Latents;
using Tessera.Engine.Native;
using Tessera.World.Evaluation;
using Tessera.World.Truth;
using TorchSharp;

var inv = CultureInfo.InvariantCulture;
if (args.Length < 2 || !File.Exists(args[0]) || !Directory.Exists(args[1]))
{
    Console.Error.WriteLine("usage: Tessera.Bench.ContextProbe VAE.safetensors DATA_DIR [CONTEXT_FRAMES=3]  (DATA_DIR: a raw-format uniform-motion data set)");
    return 2;
}
var contextFrames = args.Length > 2 && int.TryParse(args[2], out var n) && n >= 2 ? n : 3;
TorchNative.EnsureLoaded();
using var codec = VaeLatentCodec.Load(args[0], torch.CPU);
var held = ConditionLayout.PixelFrames(ConditionLayout.ContextLatentFrames(contextFrames, codec.TimeFactor), codec.TimeFactor);
var scenes = Directory.GetFiles(args[1], "*.json", SearchOption.AllDirectories)
    .Where(p => File.Exists(Path.ChangeExtension(p, ".rgb"))).Order(StringComparer.Ordinal).ToList();
if (scenes.Count == 0)
{
    Console.Error.WriteLine($"{args[1]} holds no scene with a .rgb clip beside its .json truth; make one with `tessera world dataset --scenario uniform --format raw`");
    return 2;
}
var (rawErrors, decodedErrors, stillErrors) = (new List<double>(), new List<double>(), new List<double>());
Console.WriteLine($"context {contextFrames} frames, encoded as {held} (last held); x in world units, speed errors in units/s over frames 0 → {contextFrames - 1}");
foreach (var json in scenes)
{
    var truth = TruthJson.Read(json);
    if (truth.Scenario != "uniform") continue;
    var (w, h) = (truth.Width, truth.Height);
    var dt = 1.0 / truth.Fps;
    var vx = truth.FrameStates[0].Objects[0].Vx;
    var bytes = File.ReadAllBytes(Path.ChangeExtension(json, ".rgb"));
    var frameBytes = w * h * 3;
    var real = Enumerable.Range(0, contextFrames).Select(i => bytes.AsSpan(i * frameBytes, frameBytes).ToArray()).ToList();
    byte[][] decoded, stills;
    using (torch.NewDisposeScope())
    {
        var input = Enumerable.Range(0, held).Select(i => real[Math.Min(i, contextFrames - 1)]).ToList();
        decoded = VideoTensors.ToFrames(codec.Decode(codec.Encode(VideoTensors.FromFrames(input, w, h).unsqueeze(0)))[0]);
        var alone = torch.stack(real.Select(f => VideoTensors.FromFrames([f], w, h)).ToList());        // (N, 3, 1, H, W)
        var decodedAlone = codec.Decode(codec.Encode(alone));
        stills = Enumerable.Range(0, contextFrames).Select(i => VideoTensors.ToFrames(decodedAlone[i])[0]).ToArray();
    }
    double X(byte[] rgb) => PhyWorldVelocity.MaskCentre(rgb, w, h, blue: false, truth.PixelsPerUnit, truth.WorldHeight)?.X ?? double.NaN;
    var rx = real.Select(X).ToArray();
    var dx = decoded.Take(contextFrames).Select(X).ToArray();
    var sx = stills.Select(X).ToArray();
    var span = (contextFrames - 1) * dt;
    var (rawError, decodedError, stillError) = ((rx[^1] - rx[0]) / span - vx, (dx[^1] - dx[0]) / span - vx, (sx[^1] - sx[0]) / span - vx);
    rawErrors.Add(rawError);
    decodedErrors.Add(decodedError);
    stillErrors.Add(stillError);
    string Xs(double[] xs) => string.Join(" ", xs.Select(x => x.ToString("0.000", inv)));
    Console.WriteLine(string.Create(inv, $"{Path.GetFileNameWithoutExtension(json)} v {vx:0.000}  real x {Xs(rx)} ({rawError:+0.000;-0.000})  decoded x {Xs(dx)} ({decodedError:+0.000;-0.000})  stills x {Xs(sx)} ({stillError:+0.000;-0.000})"));
}
static string Summary(List<double> e) => string.Create(CultureInfo.InvariantCulture,
    $"mean |error| {e.Where(double.IsFinite).Select(Math.Abs).Average():0.000}, signed {e.Where(double.IsFinite).Average():+0.000;-0.000}");
Console.WriteLine($"{rawErrors.Count} scenes. Speed from the real frames' masks: {Summary(rawErrors)}; from the decoded context: {Summary(decodedErrors)}; from the decoded stills: {Summary(stillErrors)}");
return 0;
