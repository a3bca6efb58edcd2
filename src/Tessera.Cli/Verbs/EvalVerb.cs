using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Tessera.Cli.Terminal;
using Tessera.Media;
using Tessera.World.Evaluation;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera eval</c>: score a video (or a folder) against its prompt, ground truth and reference frames.</summary>
public static class EvalVerb
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var video = new Option<string?>("--video", "-v") { Description = "The video to score" };
        var prompt = new Option<string?>("--prompt", "-p") { Description = "What the video should show, in the world's vocabulary (en or zh)" };
        var truth = new Option<string?>("--truth") { Description = "Ground truth JSON from 'world render --truth' (velocity error; the prompt if none given)" };
        var first = new Option<string?>("--first-frame") { Description = "Image the first frame should match (PSNR)" };
        var last = new Option<string?>("--last-frame") { Description = "Image the last frame should match (PSNR)" };
        var dir = new Option<string?>("--dir") { Description = "Score a folder: a world data set, or videos with same-named .txt prompts / .json truth" };
        var json = new Option<string?>("--json") { Description = "Write the scores as JSON here" };
        var command = new Command("eval", VerbAction.Describe(
            "Score videos: prompt adherence (colour, shape, direction, count), PhyWorld velocity error, flicker, first/last-frame PSNR",
            "tessera eval --video red.mp4 --prompt \"a red ball rolls to the right\"",
            "tessera eval --video uniform.mp4 --truth uniform.json --json scores.json",
            "tessera eval --video clip.mp4 --prompt \"一个红色的球向右滚动\" --first-frame start.png",
            "tessera eval --dir data/free"));
        foreach (var o in new Option[] { video, prompt, truth, first, last, dir, json }) command.Options.Add(o);
        VerbAction.Set(command, parse =>
        {
            var folder = parse.GetValue(dir);
            var file = parse.GetValue(video);
            if ((folder is null) == (file is null)) throw new TesseraError("give either --video FILE or --dir FOLDER");
            if (folder is not null)
            {
                var requests = FolderEvaluator.Discover(folder);
                var reports = TerminalProgress.Run("eval", "videos", p => FolderEvaluator.EvaluateAll(requests, p));
                var summary = EvaluationSummary.Of(reports);
                PrintSummary(summary);
                if (parse.GetValue(json) is { } outPath)
                    AtomicFile.WriteAllText(outPath, JsonSerializer.Serialize(new { summary, videos = reports }, Json) + "\n");
                return 0;
            }
            var report = VideoEvaluator.Evaluate(new EvaluationRequest(file!, parse.GetValue(prompt), parse.GetValue(truth),
                parse.GetValue(first), parse.GetValue(last)));
            var text = JsonSerializer.Serialize(report, Json);
            if (parse.GetValue(json) is { } path) AtomicFile.WriteAllText(path, text + "\n");
            Console.WriteLine(text);
            return 0;
        });
        return command;
    }

    private static void PrintSummary(EvaluationSummary s)
    {
        static string Rate(double? r) => r is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "—";
        static string Num(double? r, string format) => r is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
        var table = new Table().AddColumns("metric", "value");
        table.AddRow("videos", s.Videos.ToString(CultureInfo.InvariantCulture));
        table.AddRow("color_ok pass rate", Rate(s.ColorPass));
        table.AddRow("shape_ok pass rate", Rate(s.ShapePass));
        table.AddRow("direction_ok pass rate", Rate(s.DirectionPass));
        table.AddRow("count_ok pass rate", Rate(s.CountPass));
        table.AddRow("adherence (all checks) pass rate", Rate(s.AdherencePass));
        table.AddRow("mean velocity_error", Num(s.MeanVelocityError, "0.0000"));
        table.AddRow("mean velocity_error_per_frame", Num(s.MeanVelocityErrorPerFrame, "0.0000"));
        table.AddRow("speed slope (speed on speed_truth; 1 = kept)", Num(s.SpeedSlope, "0.000"));
        table.AddRow("mean flicker", Num(s.MeanFlicker, "0.0000"));
        table.AddRow("mean first_frame_psnr (dB)", Num(s.MeanFirstFramePsnr, "0.00"));
        table.AddRow("mean last_frame_psnr (dB)", Num(s.MeanLastFramePsnr, "0.00"));
        AnsiConsole.Write(table);
    }
}
