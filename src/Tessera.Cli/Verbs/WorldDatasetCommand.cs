using System.CommandLine;
using System.Globalization;
using Tessera.Cli.Terminal;
using Tessera.Media;
using Tessera.World.Datasets;
using Tessera.World.Scenarios;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera world dataset</c>: many scenes in shards a trainer can stream; resumable.</summary>
public static class WorldDatasetCommand
{
    /// <summary>The --help text of each slice option, in the order --help lists them.</summary>
    private static readonly KeyValuePair<FreeSceneMix, string>[] SliceHelp =
    [
        new(FreeSceneMix.LoneMover, "free: only scenes of one object moving left, right, up or down under a still camera, whose captions need their direction word (with --any-start: the data that teaches a model to follow direction words)"),
        new(FreeSceneMix.TwoMovers, "free: only scenes of two objects that both move along one axis, each its own way, under a still camera, whose captions need each direction word on its own object"),
        new(FreeSceneMix.MoverAndStill, "free: only scenes of two objects, one moving (left, right, up, down, falling or bouncing) and one standing still, under a still camera, whose captions need the motion on its own object"),
        new(FreeSceneMix.StillUnderCamera, "free: only scenes of one or two still objects under a camera that pans or zooms, whose captions need the camera words (on screen the objects move against the pan)"),
    ];

    public static Command Create()
    {
        var scenario = WorldOptions.Scenario();
        var count = new Option<int>("--count", "-n") { Description = "How many videos", Required = true };
        var size = WorldOptions.Size();
        var frames = WorldOptions.Frames();
        var fps = WorldOptions.Fps();
        var seed = WorldOptions.Seed();
        var ood = WorldOptions.Ood();
        var output = new Option<string>("--out", "-o") { Description = "The data set folder (created if missing; rerun to resume)", Required = true };
        var shard = new Option<int>("--shard-size") { Description = "Samples per shard folder", DefaultValueFactory = _ => 256 };
        var clipFormat = new Option<string>("--format")
        {
            Description = "Clip files: mp4 (H.264, needs ffmpeg) or raw (RGB24 bytes, .rgb: no ffmpeg to write or read, ~15× larger)",
            DefaultValueFactory = _ => "mp4",
        };
        clipFormat.AcceptOnlyFromAmong("mp4", "raw");
        var anyStart = new Option<bool>("--any-start")
        {
            Description = "free: moving objects start anywhere and may leave the view, so a first frame does not give their direction away (training data that makes a model read direction words)",
        };
        // One option per slice of the free scenes, named as the data set's recipe names it ("mix": "lone-mover").
        var slices = SliceHelp.Select(h => (Mix: h.Key, Flag: new Option<bool>("--" + h.Key.Name()) { Description = h.Value })).ToList();
        var workers = new Option<int>("--workers") { Description = "Parallel renders (default: one per core)", DefaultValueFactory = _ => 0 };
        var command = new Command("dataset", VerbAction.Describe(
            "Write a data set: videos + captions (en/zh) + ground truth, in shards; a rerun resumes where a killed run stopped",
            "tessera world dataset --scenario free --count 20000 --size 64x64 --frames 16 --fps 8 --out data/free",
            "tessera world dataset --scenario uniform --count 3000 --size 32x32 --out data/uniform",
            "tessera world dataset --scenario collision --ood --count 200 --out data/collision-ood",
            "tessera world dataset --scenario free --format raw --count 20000 --frames 17 --out data/free-raw",
            "tessera world dataset --scenario free --any-start --format raw --count 12000 --frames 17 --out data/free-any-start",
            "tessera world dataset --scenario free --any-start --lone-mover --format raw --count 8000 --frames 17 --out data/lone-movers",
            "tessera world dataset --scenario free --any-start --two-movers --format raw --count 8000 --frames 17 --out data/two-movers",
            "tessera world dataset --scenario free --any-start --mover-and-still --format raw --count 8000 --frames 17 --out data/mover-and-still",
            "tessera world dataset --scenario free --camera-move --format raw --count 8000 --frames 17 --out data/camera-move"));
        foreach (var o in new Option[] { scenario, count, size, frames, fps, seed, ood, anyStart }.Concat(slices.Select(m => m.Flag)).Concat([output, shard, clipFormat, workers]))
            command.Options.Add(o);
        VerbAction.Set(command, parse =>
        {
            var kind = ScenarioNames.Parse(parse.GetValue(scenario));
            var mixes = slices.Where(m => parse.GetValue(m.Flag)).ToList();
            if (mixes.Count > 1)
                throw new TesseraError($"{string.Join(" and ", mixes.Select(m => m.Flag.Name))} ask for different data sets; give one of them (write the others each to its own --out folder)");
            var format = WorldOptions.Format(kind, parse.GetValue(size), parse.GetValue(frames), parse.GetValue(fps));
            var request = new DatasetRequest(kind, format, parse.GetValue(count), parse.GetValue(output)!, parse.GetValue(seed),
                parse.GetValue(shard), parse.GetValue(ood), Workers: parse.GetValue(workers),
                ClipFormat: parse.GetValue(clipFormat) == "raw" ? ClipFileFormat.Raw : ClipFileFormat.Mp4, AnyStart: parse.GetValue(anyStart),
                Mix: mixes.Count == 1 ? mixes[0].Mix : FreeSceneMix.Mixed);
            var result = TerminalProgress.Run($"world dataset {kind.Name()}", "videos", p => DatasetWriter.Write(request, p));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFullPath(request.OutputDir)}: {result.AlreadyDone + result.Written} of {request.Count} videos " +
                $"({result.Written} written now, {result.AlreadyDone} already there) in {result.Seconds:0.0} s, {result.VideosPerSecond:0.0} videos/s"));
            return 0;
        });
        return command;
    }
}
