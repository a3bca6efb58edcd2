using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Tessera.Media;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera probe FILE [--json]</c>: what a media file holds.</summary>
public static class ProbeVerb
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A video, audio or image file" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("probe", VerbAction.Describe(
            "Show a media file's streams, duration, size, fps, codecs and rotation",
            "tessera probe clip.mp4",
            "tessera probe clip.mp4 --json | jq .streams[0].fps"));
        command.Arguments.Add(file);
        command.Options.Add(json);
        VerbAction.Set(command, parse =>
        {
            var info = MediaProbe.Probe(parse.GetValue(file)!);
            if (parse.GetValue(json)) System.Console.WriteLine(JsonSerializer.Serialize(info, Json));
            else PrintTable(info);
            return 0;
        });
        return command;
    }

    private static void PrintTable(MediaInfo info)
    {
        var c = AnsiConsole.Console;
        var v = info.Video;
        c.WriteLine($"file      {info.Path}");
        c.WriteLine($"format    {info.Format}");
        c.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duration  {info.DurationSeconds:0.###} s"));
        c.WriteLine($"size      {info.SizeBytes:N0} bytes");
        if (v?.DisplaySize is { } d)
        {
            c.WriteLine($"width     {d.Width}");
            c.WriteLine($"height    {d.Height}");
        }
        if (v?.Fps is { } fps) c.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fps       {fps:0.###}"));
        var table = new Table().AddColumns("#", "type", "codec", "details");
        foreach (var s in info.Streams)
            table.AddRow(s.Index.ToString(CultureInfo.InvariantCulture), s.Kind, s.Codec, Markup.Escape(Details(s)));
        c.Write(table);
    }

    private static string Details(StreamInfo s) => s.Kind switch
    {
        "video" => string.Create(CultureInfo.InvariantCulture,
            $"{s.Width}x{s.Height} {s.Fps:0.###} fps {s.PixelFormat}{(s.FrameCount is { } n ? $" {n} frames" : "")}{(s.Rotation != 0 ? $" rotated {s.Rotation}°" : "")}"),
        "audio" => $"{s.SampleRate} Hz, {s.Channels} ch",
        _ => "",
    };
}
