using System.CommandLine;
using Tessera.Media;
using Tessera.World.Scenarios;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera world render</c>: one scene, from a seed or a prompt, to an MP4 (+ truth JSON).</summary>
public static class WorldRenderCommand
{
    public static Command Create()
    {
        var scenario = WorldOptions.Scenario();
        var prompt = new Option<string?>("--prompt") { Description = "Build the scene from a prompt in the world's vocabulary (en or zh); free scenario only" };
        var seed = WorldOptions.Seed();
        var size = WorldOptions.Size();
        var frames = WorldOptions.Frames();
        var fps = WorldOptions.Fps();
        var ood = WorldOptions.Ood();
        var output = new Option<string>("--output", "-o") { Description = "The MP4 to write", Required = true };
        var truth = new Option<string?>("--truth") { Description = "Also write the exact ground truth as JSON here" };
        var crf = new Option<int>("--crf") { Description = "x264 quality (0 lossless … 51 worst)", DefaultValueFactory = _ => 10 };
        var command = new Command("render", VerbAction.Describe(
            "Render one scene with its captions and exact ground truth",
            "tessera world render --scenario free --seed 3 --output scene.mp4 --truth scene.json",
            "tessera world render --prompt \"一个红色的球向右滚动\" --size 1080x1920 --frames 48 --fps 24 --output red.mp4",
            "tessera world render --scenario collision --seed 1 --output collision.mp4 --truth collision.json",
            "tessera world render --scenario parabola --ood --seed 5 --output parabola-ood.mp4"));
        foreach (var o in new Option[] { scenario, prompt, seed, size, frames, fps, ood, output, truth, crf }) command.Options.Add(o);
        VerbAction.Set(command, parse =>
        {
            var kind = ScenarioNames.Parse(parse.GetValue(scenario));
            var format = WorldOptions.Format(kind, parse.GetValue(size), parse.GetValue(frames), parse.GetValue(fps));
            var text = parse.GetValue(prompt);
            if (text is not null && kind != ScenarioKind.Free)
                throw new TesseraError($"--prompt builds a scene in the free world; PhyWorld's {kind.Name()} scenario is drawn from --seed (drop --prompt or use --scenario free)");
            if (parse.GetValue(ood) && kind == ScenarioKind.Free)
                throw new TesseraError("--ood applies to the PhyWorld scenarios (uniform, collision, parabola), not 'free'");
            var outPath = parse.GetValue(output)!;
            var truthPath = parse.GetValue(truth);
            WorldOptions.RequireOutputFolder(outPath, "--output");
            if (truthPath is not null) WorldOptions.RequireOutputFolder(truthPath, "--truth");
            var s = parse.GetValue(seed);
            var sample = text is not null ? WorldScenes.FromPrompt(text, s, format) : WorldScenes.Sample(kind, s, format, parse.GetValue(ood));
            WorldScenes.WriteVideo(sample, outPath, truthPath, parse.GetValue(crf));
            Console.WriteLine($"{outPath}: {sample.Scene.Width}x{sample.Scene.Height}, {sample.Scene.Frames} frames at {sample.Scene.Fps} fps");
            Console.WriteLine($"caption (en): {sample.Captions.English}");
            Console.WriteLine($"caption (zh): {sample.Captions.Chinese}");
            if (truthPath is not null) Console.WriteLine($"ground truth: {truthPath}");
            return 0;
        });
        return command;
    }
}
