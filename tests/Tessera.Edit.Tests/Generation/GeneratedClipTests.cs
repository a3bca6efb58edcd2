using System.Globalization;
using Tessera.Media;

namespace Tessera.Edit.Tests;

/// <summary>
/// A real generator for tests: it makes a clip with ffmpeg whose colour is the prompt's first word,
/// counts its calls and keeps the first frame it was handed (the file is gone after the render).
/// </summary>
internal sealed class ColourClipGenerator : IClipGenerator
{
    public List<ClipGenerationSpec> Calls { get; } = [];
    public List<RgbImage?> FirstFrames { get; } = [];

    public void Generate(ClipGenerationSpec spec, string outputPath, CancellationToken ct)
    {
        Calls.Add(spec);
        FirstFrames.Add(spec.FirstFramePath is { } f ? RgbImage.Load(f) : null);
        var colour = spec.Prompt.Split(' ')[0];
        var seconds = (spec.Frames / spec.Fps).ToString("R", CultureInfo.InvariantCulture);
        TestMedia.Ffmpeg("-f", "lavfi", "-i", $"color=c={colour}:s={spec.Width}x{spec.Height}:r={spec.Fps.ToString(CultureInfo.InvariantCulture)}:d={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4", outputPath);
    }
}

[Collection("media")]
public sealed class GeneratedClipTests(TestMedia media)
{
    [Fact]
    public void Generated_clips_are_cached_and_continue_from_the_previous_clips_last_frame()
    {
        var path = media.Write("generated.json", """
            { "width": 160, "height": 90, "fps": 30, "tracks": [ { "clips": [
                { "video": "red.mp4", "out": 1 },
                { "generate": { "prompt": "blue sky", "seed": 7, "firstFrame": "previous", "fps": 8, "width": 64, "height": 64 }, "duration": 1 } ] } ] }
            """);
        var cache = Path.Combine(media.Dir, "gen-cache");
        var generator = new ColourClipGenerator();
        var renderer = new TimelineRenderer(generator, cache);
        var timeline = TimelineLoader.Load(path);

        renderer.Render(timeline, media.Out("generated-1.mp4"), RenderOptions.Default);
        Assert.Single(generator.Calls);
        var spec = generator.Calls[0];
        Assert.Equal(("blue sky", 7, 64, 64, 8.0, 8), (spec.Prompt, spec.Seed, spec.Width, spec.Height, spec.Fps, spec.Frames));
        // The first frame handed over is the red clip's last frame, at the source's size.
        var first = generator.FirstFrames[0]!;
        Assert.Equal((160, 90), (first.Width, first.Height));
        RenderSequenceTests.AssertColour(MeanColour(first), 255, 0, 0);

        // Rendering again takes the clip from the cache: the generator is not called.
        renderer.Render(timeline, media.Out("generated-2.mp4"), RenderOptions.Default);
        Assert.Single(generator.Calls);
        Assert.Single(Directory.GetFiles(cache, "*.mp4"));

        var d = new Decoded(media.Out("generated-2.mp4"));
        Assert.Equal(60, d.Frames.Count);
        RenderSequenceTests.AssertColour(d.Mean(10), 255, 0, 0);
        RenderSequenceTests.AssertColour(d.Mean(45), 0, 0, 255);

        // A different seed is a different clip.
        var reseeded = TimelineLoader.Parse(File.ReadAllText(path).Replace("\"seed\": 7", "\"seed\": 8"), path);
        renderer.Render(reseeded, media.Out("generated-3.mp4"), RenderOptions.Default);
        Assert.Equal(2, generator.Calls.Count);
    }

    private static (double, double, double) MeanColour(RgbImage img)
    {
        double r = 0, g = 0, b = 0;
        for (var i = 0; i < img.Pixels.Length; i += 3) { r += img.Pixels[i]; g += img.Pixels[i + 1]; b += img.Pixels[i + 2]; }
        var n = img.Pixels.Length / 3.0;
        return (r / n, g / n, b / n);
    }
}
