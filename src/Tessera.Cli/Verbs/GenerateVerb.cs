using System.CommandLine;
using System.Globalization;
using Tessera.Cli.Terminal;
using Tessera.Engine;
using Tessera.Engine.Dit;
using Tessera.Engine.Generation;
using Tessera.Media;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera generate "PROMPT" --output OUT.mp4</c>: text-to-video, image-to-video, transitions, continuation.</summary>
public static class GenerateVerb
{
    public static Command Create()
    {
        var prompt = new Argument<string>("prompt") { Description = "What the video shows, in English or Chinese" };
        var seed = new Option<int>("--seed") { Description = "Noise seed; the same seed gives the same video", DefaultValueFactory = _ => 0 };
        var frames = new Option<int>("--frames") { Description = "Frames to write", DefaultValueFactory = _ => 16 };
        var size = new Option<string>("--size") { Description = "WIDTHxHEIGHT, multiples of 8 (the shipped model trained on 64x64)", DefaultValueFactory = _ => "64x64" };
        var fps = new Option<double>("--fps") { Description = "Frame rate of the written video", DefaultValueFactory = _ => 8 };
        var steps = new Option<int?>("--steps") { Description = $"Sampler steps (default: the model folder's {SamplingDefaults.FileName}, else {SamplingDefaults.BuiltIn.Steps})" };
        var cfg = new Option<double?>("--cfg") { Description = $"Classifier-free guidance scale, 1 = off (default: the model folder's {SamplingDefaults.FileName}, else {SamplingDefaults.BuiltIn.Cfg.ToString(CultureInfo.InvariantCulture)})" };
        var autoguide = new Option<double?>("--autoguide") { Description = $"Autoguidance scale against the model folder's {ModelDirectory.GuideFile}, a weaker version of the model; 1 = off (default: the model folder's {SamplingDefaults.FileName}, else 1)" };
        var noiseScale = new Option<double?>("--noise-scale") { Description = $"Scale of the starting noise, 1 = as trained; below 1 each seed's video lies closer to the typical one (default: the model folder's {SamplingDefaults.FileName}, else 1)" };
        var consensus = new Option<int?>("--consensus") { Description = $"Draw each video K times and keep the draw nearest the others (their medoid): K times the sampling time, for the video the model finds most likely (default: the model folder's {SamplingDefaults.FileName}, else 1)" };
        var negative = new Option<string?>("--negative-prompt") { Description = "What the video should not show: guidance steers away from it instead of from an empty caption" };
        var sampler = new Option<string>("--sampler") { Description = "euler or heun", DefaultValueFactory = _ => "euler" };
        var firstFrame = new Option<string?>("--first-frame") { Description = "Image the video starts from (image-to-video)" };
        var lastFrame = new Option<string?>("--last-frame") { Description = "Image the video ends on (with --first-frame: a transition)" };
        var context = new Option<string?>("--context") { Description = "A clip whose first frames the video continues (video prediction)" };
        var contextFrames = new Option<int>("--context-frames") { Description = "How many frames of --context to continue from", DefaultValueFactory = _ => 3 };
        var contextFrom = new Option<string?>("--context-from") { Description = "start: continue --context's first frames (video prediction, the default); end: its last ones (extend the clip)" };
        var variants = new Option<int>("--variants") { Description = "Write K videos (OUT-1.mp4 …) from seeds SEED … SEED+K-1 in one batched run", DefaultValueFactory = _ => 1 };
        var model = new Option<string?>("--model") { Description = "Model folder (vae.safetensors + dit.safetensors); default models/world-tiny" };
        var device = new Option<string>("--device") { Description = "cpu or cuda (falls back to cpu with a message)", DefaultValueFactory = _ => "cpu" };
        var precision = new Option<string>("--precision") { Description = "auto, f32 or bf16 matmuls; auto is bf16 on CUDA and on CPUs with native bf16, else f32. A seed gives the same video only in the same precision", DefaultValueFactory = _ => PrecisionChoice.Auto };
        var output = new Option<string?>("--output", "-o") { Description = "Output MP4 path" };
        var command = new Command("generate", VerbAction.Describe(
            "Generate a video from text, a first frame, first + last frames, or the start of a clip",
            "tessera generate \"a red ball rolls to the right\" --output ball.mp4",
            "tessera generate \"一个蓝色的方块向左移动\" --seed 7 --frames 16 --output cube.mp4",
            "tessera generate \"a green ball moves up\" --first-frame start.png --output up.mp4",
            "tessera generate \"a ball bounces\" --first-frame a.png --last-frame b.png --output transition.mp4",
            "tessera generate \"a red ball rolls right\" --context clip.mp4 --context-frames 3 --frames 17 --output next.mp4",
            "tessera generate \"a red ball rolls right\" --context clip.mp4 --context-from end --frames 17 --output more.mp4",
            "tessera generate \"a yellow ball falls\" --variants 4 --output falls.mp4   # falls-1.mp4 … falls-4.mp4",
            "tessera generate \"a red ball moves right\" --model phyworld-uniform --context clip.mp4 --frames 32 --fps 10 --consensus 8 --output likely.mp4",
            "tessera generate \"a blue ball moves up\" --negative-prompt \"a blue ball falls\" --output up.mp4"));
        command.Arguments.Add(prompt);
        foreach (var o in new Option[] { seed, frames, size, fps, steps, cfg, autoguide, noiseScale, consensus, negative, sampler, firstFrame, lastFrame, context, contextFrames, contextFrom, variants, model, device, precision, output })
            command.Options.Add(o);
        VerbAction.Set(command, parse =>
        {
            var outputPath = parse.GetValue(output) ?? throw new TesseraError("--output is required, e.g. --output video.mp4");
            var (width, height) = ParseSize(parse.GetValue(size)!);
            var request = new GenerationRequest(
                parse.GetValue(prompt) ?? "", parse.GetValue(seed), parse.GetValue(frames), width, height, parse.GetValue(fps),
                parse.GetValue(steps), parse.GetValue(cfg), parse.GetValue(sampler)!,
                LoadImage(parse.GetValue(firstFrame), "--first-frame"), LoadImage(parse.GetValue(lastFrame), "--last-frame"),
                parse.GetValue(context), parse.GetValue(contextFrames), parse.GetValue(variants), parse.GetValue(negative),
                parse.GetValue(autoguide), ContextFromEnd(parse.GetValue(contextFrom), parse.GetValue(context)),
                parse.GetValue(noiseScale), parse.GetValue(consensus));
            if (string.IsNullOrWhiteSpace(request.Prompt))
                throw new TesseraError("the prompt is empty; describe the video, e.g. tessera generate \"a red ball rolls to the right\" --output ball.mp4");
            using var generator = VideoGenerator.Load(parse.GetValue(model), parse.GetValue(device)!, parse.GetValue(precision)!);
            var printed = 0;
            void Flush()
            {
                for (; printed < generator.Warnings.Count; printed++) Console.Error.WriteLine($"warning: {generator.Warnings[printed]}");
            }
            Flush();
            var videos = TerminalProgress.Run("generating", "steps", progress => generator.Generate(request, outputPath, progress));
            Flush();
            foreach (var v in videos) Console.WriteLine(v.Path);
            return 0;
        });
        return command;
    }

    private static bool ContextFromEnd(string? from, string? context) => from switch
    {
        null => false,
        _ when context is null => throw new TesseraError("--context-from needs --context CLIP.mp4, the clip to continue"),
        "start" => false,
        "end" => true,
        _ => throw new TesseraError($"--context-from must be start or end, got '{from}'"),
    };

    private static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h))
            return (w, h);
        throw new TesseraError($"--size '{text}' is not WIDTHxHEIGHT, e.g. --size 64x64");
    }

    private static RgbImage? LoadImage(string? path, string flag)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new TesseraError($"{flag}: {path} does not exist");
        try
        {
            return RgbImage.Load(path);
        }
        catch (MediaError e)
        {
            throw new TesseraError($"{flag}: {path} is not a readable image ({e.Message})", 2, e);
        }
    }
}
