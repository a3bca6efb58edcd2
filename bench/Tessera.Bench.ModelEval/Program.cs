// Scores a trained model with the world evaluator on held-out world clips (scenes and seeds it never trained
// on), the protocol of the engine issue, loading the model once (a `tessera generate` per video would spend
// most of its time starting up):
//   text-to-video   N prompts, the first half the clips' English captions, the second half their Chinese ones;
//                   colour / shape / direction / count pass rates and flicker beside the real clips' (truth) and
//                   beside the real clips through the VAE alone (truth_vae: the most a perfect DiT could score);
//   image-to-video  the clip's real first frame + its caption: first-frame PSNR and the motion asked for;
//   first + last    the clip's real first and last frames: PSNR of both ends;
//   extend          the clip's first 3 real frames continued to its length: the motion asked for, and the PSNR of
//                   the generated last frame against the real one (how well the continuation predicts the world);
//   PhyWorld        uniform motion at the model's size, 3 real context frames then the rest generated:
//                   velocity error in and out of distribution (the paper's parse, docs/WORLD.md); beside it the
//                   same real clips through the model's VAE alone (encode → decode), the floor the DiT cannot beat.
// Every generated video is written as MP4 (the evaluator reads back what a user would get) with its score.
//   dotnet run -c Release --project bench/Tessera.Bench.ModelEval -- HELDOUT_DIR OUT_DIR [MODEL_DIR|-] [N=200] [PHYWORLD_N=20] [FRAMES_N=50] [PHYWORLD_CFG]
// FRAMES_N: how many of the N clips (spread evenly, English and Chinese alike) also get image-to-video and first + last.
// HELDOUT_DIR: `tessera world dataset --scenario free --size 64x64 --frames 17 --seed S` with a seed not trained on.
// Sampling (default: the model's): EVAL_STEPS and EVAL_SAMPLER (euler|heun) for every run, EVAL_CFG for the text / image
// runs (PhyWorld's guidance is PHYWORLD_CFG), EVAL_PRECISION (auto|f32|bf16 matmuls), and EVAL_MODES (a comma list of
// t2v, i2v, first_last, extend; default all), PHYWORLD_CONTEXT (real frames before PhyWorld's generated ones, default
// the protocol's 3), PHYWORLD_CLIPS (the context clips' codec), PHYWORLD_SEEDS, PHYWORLD_SEED, PHYWORLD_SETS, PHYWORLD_NOISE and PHYWORLD_CONSENSUS, in the
// environment.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tessera.Engine;
using Tessera.Engine.Conditioning;
using Tessera.Engine.Generation;
using Tessera.Engine.Training;
using Tessera.Engine.Vae;
using Tessera.Media;
using Tessera.World.Datasets;
using Tessera.World.Evaluation;
using Tessera.World.Scenarios;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Tessera.Bench.ModelEval HELDOUT_DIR OUT_DIR [MODEL_DIR|-] [N=200] [PHYWORLD_N=20] [FRAMES_N=50] [PHYWORLD_CFG]");
    return 2;
}
var inv = CultureInfo.InvariantCulture;
var heldout = args[0];
var outDir = args[1];
var modelDir = args.Length > 2 && args[2] != "-" ? args[2] : null;
var n = args.Length > 3 ? int.Parse(args[3], inv) : 200;
var phyN = args.Length > 4 ? int.Parse(args[4], inv) : 20;
var framesN = args.Length > 5 ? int.Parse(args[5], inv) : 50;
// Guidance for the PhyWorld runs (the paper's protocol has no text; 1 = no guidance); default: the model's.
double? phyCfg = args.Length > 6 ? double.Parse(args[6], inv) : null;
double? cfg = Environment.GetEnvironmentVariable("EVAL_CFG") is { Length: > 0 } c ? double.Parse(c, inv) : null;
int? steps = Environment.GetEnvironmentVariable("EVAL_STEPS") is { Length: > 0 } st ? int.Parse(st, inv) : null;
var sampler = Environment.GetEnvironmentVariable("EVAL_SAMPLER") is { Length: > 0 } sa ? sa : "euler";
var precision = Environment.GetEnvironmentVariable("EVAL_PRECISION") is { Length: > 0 } pr ? pr : "auto";
// PhyWorld's protocol gives 3 real frames; more (PHYWORLD_CONTEXT) is a diagnostic: with 5 the VAE's second latent
// frame is all real frames instead of frames 1, 2, 2, 2 (the last one held), so it shows what the held frames cost.
var phyContext = Environment.GetEnvironmentVariable("PHYWORLD_CONTEXT") is { Length: > 0 } pc ? int.Parse(pc, inv) : 3;
// PHYWORLD_SEEDS=per-scene gives scene i the noise seed 7 + i; the default, one seed (7) for every scene, makes the
// scenes share one draw of the noise, so a speed error that draw causes shows up in every scene alike.
var phySeedPerScene = Environment.GetEnvironmentVariable("PHYWORLD_SEEDS") == "per-scene";
// PHYWORLD_SEED: the first noise seed (default 7), so one setting can be scored over several draws of the noise.
var phySeedBase = Environment.GetEnvironmentVariable("PHYWORLD_SEED") is { Length: > 0 } ps ? int.Parse(ps, inv) : 7;
// PHYWORLD_NOISE: the starting noise's scale (default: the model's).
double? phyNoise = Environment.GetEnvironmentVariable("PHYWORLD_NOISE") is { Length: > 0 } pn ? double.Parse(pn, inv) : null;
// PHYWORLD_CONSENSUS: draws per video whose medoid is kept (default: the model's; 1 = one draw).
int? phyConsensus = Environment.GetEnvironmentVariable("PHYWORLD_CONSENSUS") is { Length: > 0 } pk ? int.Parse(pk, inv) : null;
// PHYWORLD_SETS: which sets to score, "in", "ood" or both (default), e.g. "in" for a quick comparison of sampling settings.
var phySets = Environment.GetEnvironmentVariable("PHYWORLD_SETS") is { Length: > 0 } pse
    ? pse.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : ["in", "ood"];
// PHYWORLD_CLIPS: the context clips' codec. ffv1 (default): lossless RGB, the rendered frames themselves, as the
// protocol gives them and as training saw them; mp4: H.264 (crf 10, yuv420p), what a user's clip usually is;
// yuv420p: lossless H.264 at 4:2:0, i.e. only the chroma halved. Before session 17 every run used mp4; the halved
// chroma alone cost phyworld-uniform 0.156 → 0.27 in distribution (docs/BENCHMARKS.md).
var phyClips = Environment.GetEnvironmentVariable("PHYWORLD_CLIPS") is { Length: > 0 } pcl ? pcl : "ffv1";
if (phyClips is not ("mp4" or "ffv1" or "yuv420p"))
{
    Console.Error.WriteLine($"PHYWORLD_CLIPS: unknown codec '{phyClips}'; use mp4, ffv1 or yuv420p");
    return 2;
}
var phyLossless = phyClips != "mp4";
string[] allModes = ["t2v", "i2v", "first_last", "extend"];
const int extendContext = 3;   // real frames the extend mode continues from, as PhyWorld's protocol
var modes = Environment.GetEnvironmentVariable("EVAL_MODES") is { Length: > 0 } md ? md.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : allModes;
if (modes.Except(allModes).FirstOrDefault() is { } unknownMode)
{
    Console.Error.WriteLine($"EVAL_MODES: unknown mode '{unknownMode}'; use a comma list of {string.Join(", ", allModes)}");
    return 2;
}

var entries = DatasetIndex.Read(heldout).Take(n).Select(s => (s.Entry, Video: Path.Combine(s.ShardDir, s.Entry.Video))).ToList();
if (entries.Count < n) Console.Error.WriteLine($"note: {heldout} has {entries.Count} clips; scoring those");
using var generator = VideoGenerator.Load(modelDir, "cpu", precision);
Console.Error.WriteLine($"sampling matmuls: {generator.PrecisionName}");
var vaeAlone = new Lazy<VideoVae>(() =>
{
    var vae = VideoVae.Load(Path.Combine(ModelDirectory.Resolve(modelDir), ModelDirectory.VaeFile), "cpu");
    vae.eval();
    return vae;
});
var clock = Stopwatch.StartNew();
var heldLastPsnr = new List<double>();
var results = new Dictionary<string, List<EvaluationReport>> { ["t2v"] = [], ["truth"] = [], ["truth_vae"] = [], ["i2v"] = [], ["first_last"] = [], ["extend"] = [],
    ["phyworld_in"] = [], ["phyworld_in_vae"] = [], ["phyworld_ood"] = [], ["phyworld_ood_vae"] = [] };
foreach (var mode in allModes.Concat(["ref", "truth_vae"])) Directory.CreateDirectory(Path.Combine(outDir, mode));

for (var i = 0; i < entries.Count; i++)
{
    var (entry, video) = entries[i];
    var prompt = i < entries.Count / 2 ? entry.CaptionEn : entry.CaptionZh;
    var seed = 1000 + i;
    var real = FrameReader.ReadAll(video, null, out var w, out var h, out _);
    var first = Path.Combine(outDir, "ref", entry.Id + "-first.png");
    var last = Path.Combine(outDir, "ref", entry.Id + "-last.png");
    new RgbImage(w, h, real[0]).SavePng(first);
    new RgbImage(w, h, real[^1]).SavePng(last);
    results["truth"].Add(VideoEvaluator.Evaluate(new EvaluationRequest(video, prompt)));
    var truthVae = Path.Combine(outDir, "truth_vae", entry.Id + ".mp4");
    VaeRoundTrip(video, truthVae);
    results["truth_vae"].Add(Scored(new EvaluationRequest(truthVae, prompt)));

    if (modes.Contains("t2v"))
    {
        var t2v = Path.Combine(outDir, "t2v", entry.Id + ".mp4");
        generator.Generate(new GenerationRequest(prompt, seed, Frames: 16, Width: w, Height: h, Steps: steps, Cfg: cfg, Sampler: sampler), t2v);
        results["t2v"].Add(Scored(new EvaluationRequest(t2v, prompt)));
        Console.Error.WriteLine(string.Create(inv, $"{i + 1}/{entries.Count} ({clock.Elapsed.TotalSeconds:0}s) {prompt}: t2v {Pass(results["t2v"][^1])}"));
    }
    var withFrames = framesN > 0 && i % Math.Max(1, entries.Count / framesN) == 0;
    if (!withFrames) continue;
    var line = new List<string>();
    if (modes.Contains("i2v"))
    {
        var i2v = Path.Combine(outDir, "i2v", entry.Id + ".mp4");
        generator.Generate(new GenerationRequest(prompt, seed, Frames: 16, Width: w, Height: h, Steps: steps, Cfg: cfg, Sampler: sampler, FirstFrame: new RgbImage(w, h, real[0])), i2v);
        results["i2v"].Add(Scored(new EvaluationRequest(i2v, prompt, FirstFramePath: first)));
        line.Add($"i2v {Pass(results["i2v"][^1])}");
    }
    if (modes.Contains("first_last"))
    {
        var fl = Path.Combine(outDir, "first_last", entry.Id + ".mp4");
        generator.Generate(new GenerationRequest(prompt, seed, Frames: real.Count, Width: w, Height: h, Steps: steps, Cfg: cfg, Sampler: sampler,
            FirstFrame: new RgbImage(w, h, real[0]), LastFrame: new RgbImage(w, h, real[^1])), fl);
        results["first_last"].Add(Scored(new EvaluationRequest(fl, prompt, FirstFramePath: first, LastFramePath: last)));
        line.Add($"first+last {D(results["first_last"][^1].FirstFramePsnr)} / {D(results["first_last"][^1].LastFramePsnr)}");
    }
    if (modes.Contains("extend"))
    {
        // The world is deterministic enough (constant speeds, known walls) that the real last frame is the answer.
        var ext = Path.Combine(outDir, "extend", entry.Id + ".mp4");
        generator.Generate(new GenerationRequest(prompt, seed, Frames: real.Count, Width: w, Height: h, Steps: steps, Cfg: cfg, Sampler: sampler,
            ContextClip: video, ContextFrames: extendContext), ext);
        results["extend"].Add(Scored(new EvaluationRequest(ext, prompt, LastFramePath: last)));
        // The baseline a continuation must beat: the last context frame held to the end.
        // A scene where nothing moves holds exactly (∞ dB): capped at 50 dB so the mean stays a number.
        heldLastPsnr.Add(Math.Min(50, ImageQuality.Psnr(real[extendContext - 1], real[^1])));
        line.Add($"extend {Pass(results["extend"][^1])} last {D(results["extend"][^1].LastFramePsnr)} (held: {D(heldLastPsnr[^1])})");
    }
    Console.Error.WriteLine(string.Create(inv, $"{(modes.Contains("t2v") ? "" : $"{i + 1}/{entries.Count} ({clock.Elapsed.TotalSeconds:0}s) ")}  {string.Join(", ", line)}"));
}

// PhyWorld uniform motion at the model's size: 32 frames, the first 3 real, the rest generated.
foreach (var ood in new[] { false, true })
{
    if (phyN == 0) break;
    if (!phySets.Contains(ood ? "ood" : "in")) continue;
    var key = ood ? "phyworld_ood" : "phyworld_in";
    var dir = Path.Combine(outDir, key);
    var size = generator.TrainingInfo.TrainWidth;
    DatasetWriter.Write(new DatasetRequest(ScenarioKind.Uniform, new Tessera.World.Scenes.SceneFormat(size, size, 32, 10), phyN,
        Path.Combine(dir, "data"), Seed: ood ? 880_000 : 870_000, OutOfDistribution: ood,
        ClipFormat: phyLossless ? ClipFileFormat.Raw : ClipFileFormat.Mp4));
    var scene = 0;
    foreach (var found in FolderEvaluator.Discover(Path.Combine(dir, "data")))
    {
        var request = phyLossless ? found with { VideoPath = LosslessClip(found.VideoPath, size, size, phyClips) } : found;
        var output = Path.Combine(dir, Path.GetFileNameWithoutExtension(request.VideoPath) + ".mp4");
        var phySeed = phySeedPerScene ? phySeedBase + scene++ : phySeedBase;
        generator.Generate(new GenerationRequest(request.Prompt!, phySeed, Frames: 32, Width: size, Height: size, Fps: 10,
            Steps: steps, Sampler: sampler, ContextClip: request.VideoPath, ContextFrames: phyContext, Cfg: phyCfg, NoiseScale: phyNoise,
            Consensus: phyConsensus), output);
        results[key].Add(Scored(new EvaluationRequest(output, request.Prompt, request.TruthPath)));
        var roundTrip = Path.Combine(dir, "vae-" + Path.GetFileNameWithoutExtension(request.VideoPath) + ".mp4");
        VaeRoundTrip(request.VideoPath, roundTrip);
        results[key + "_vae"].Add(Scored(new EvaluationRequest(roundTrip, request.Prompt, request.TruthPath)));
    }
}

var summary = results.Where(r => r.Value.Count > 0).ToDictionary(r => r.Key, r => EvaluationSummary.Of(r.Value));
File.WriteAllText(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"model {modelDir ?? "models/world-tiny"}, {entries.Count} held-out clips from {heldout}, sampling {(steps?.ToString(inv) ?? "default")} steps {sampler} cfg {(cfg?.ToString(inv) ?? "default")}, {clock.Elapsed.TotalMinutes:0.0} min");
Console.WriteLine("| set | videos | colour | shape | direction | count | adherence | flicker | first-frame PSNR | last-frame PSNR | velocity error |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var (key, s) in summary)
    Console.WriteLine(string.Create(inv,
        $"| {key} | {s.Videos} | {P(s.ColorPass)} | {P(s.ShapePass)} | {P(s.DirectionPass)} | {P(s.CountPass)} | {P(s.AdherencePass)} | {s.MeanFlicker:0.0000} | {D(s.MeanFirstFramePsnr)} | {D(s.MeanLastFramePsnr)} | {V(s.MeanVelocityError)} |"));
foreach (var (key, s) in summary.Where(s => s.Value.SpeedSlope is not null))
    Console.WriteLine(string.Create(inv, $"{key}: speed slope {s.SpeedSlope:0.000} (the videos' speed on the true speed: 1 = each ball keeps its speed, 0 = one speed for all)"));
if (heldLastPsnr.Count > 0)
    Console.WriteLine(string.Create(inv, $"extend: the third real frame held to the end scores {D(heldLastPsnr.Average())} on the last frame (a continuation that stood still)"));
if (entries.Count < 2 || results["t2v"].Count == 0) return 0;   // N = 0: a PhyWorld-only run; or no t2v in EVAL_MODES
var t2vEn = EvaluationSummary.Of(results["t2v"].Take(entries.Count / 2).ToList());
var t2vZh = EvaluationSummary.Of(results["t2v"].Skip(entries.Count / 2).ToList());
Console.WriteLine($"t2v English: colour {P(t2vEn.ColorPass)}, shape {P(t2vEn.ShapePass)}, direction {P(t2vEn.DirectionPass)}; Chinese: colour {P(t2vZh.ColorPass)}, shape {P(t2vZh.ShapePass)}, direction {P(t2vZh.DirectionPass)}");
// Two-object scenes pass only when both objects do: session 6 found them far behind (direction 7–10 % against ~50 %).
foreach (var key in new[] { "t2v", "i2v", "extend" })
    foreach (var group in results[key].GroupBy(r => r.ExpectedCount).OrderBy(g => g.Key))
    {
        var s = EvaluationSummary.Of(group.ToList());
        Console.WriteLine($"{key} with {group.Key} object(s) ({s.Videos} videos): colour {P(s.ColorPass)}, shape {P(s.ShapePass)}, direction {P(s.DirectionPass)}, count {P(s.CountPass)}");
    }
return 0;

EvaluationReport Scored(EvaluationRequest request)
{
    var report = VideoEvaluator.Evaluate(request);
    File.WriteAllText(Path.ChangeExtension(request.VideoPath, ".score.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
    return report;
}

// The real clip through the VAE alone (the posterior mean), its last frame held up to the 1 + 4k frames the VAE
// takes and the result cut back: what the DiT would give if it predicted the latents perfectly.
void VaeRoundTrip(string input, string output)
{
    var frames = FrameReader.ReadAll(input, null, out var fw, out var fh, out var fps);
    var vae = vaeAlone.Value;
    var f = vae.Config.TimeFactor;
    var held = ConditionLayout.PixelFrames(ConditionLayout.LatentFrames(frames.Count, f), f);
    var padded = Enumerable.Range(0, held).Select(i => frames[Math.Min(i, frames.Count - 1)]).ToList();
    var recon = VaeEvaluator.Reconstruct(vae, padded, fw, fh).Take(frames.Count);
    FrameWriter.WriteAll(output, new FrameWriteOptions(fw, fh, fps, Crf: 12), recon);
}

static string Pass(EvaluationReport r) => $"c{B(r.ColorOk)} s{B(r.ShapeOk)} d{B(r.DirectionOk)}";
static string B(bool? b) => b switch { true => "+", false => "-", null => "." };
static string P(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";
static string D(double? db) => db is { } d ? d.ToString("0.00", CultureInfo.InvariantCulture) + " dB" : "—";
static string V(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "—";

// A raw RGB24 clip as an MKV next to it, FFV1 (lossless RGB) or lossless H.264 at 4:2:0, readable through FFmpeg.
static string LosslessClip(string rawPath, int width, int height, string codec)
{
    var mkv = Path.ChangeExtension(rawPath, ".mkv");
    string[] encode = codec == "ffv1" ? ["-c:v", "ffv1"] : ["-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p"];
    using var ffmpeg = ChildProcess.Start(FfmpegTools.Ffmpeg, ["-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
        "-s", $"{width}x{height}", "-r", "10", "-i", rawPath, .. encode, mkv], TimeSpan.FromMinutes(1));
    if (ffmpeg.WaitForExit() != 0) throw new InvalidOperationException($"ffmpeg could not make {mkv}: {ffmpeg.LastErrorLine()}");
    return mkv;
}
