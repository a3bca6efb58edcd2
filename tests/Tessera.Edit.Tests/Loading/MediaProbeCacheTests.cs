using Tessera.Media;

namespace Tessera.Edit.Tests;

/// <summary>
/// Media files are probed once per process and remembered (a render probes each file once); a file that
/// is replaced or fixed between two checks must be seen as it is now, never as it was.
/// </summary>
[Collection("media")]
public sealed class MediaProbeCacheTests(TestMedia media)
{
    private const string Timeline = """{ "width": 160, "height": 90, "fps": 30, "tracks": [ { "clips": [ { "video": "swap.mp4" } ] } ] }""";

    private RenderPlan Validate() => new TimelineRenderer().Validate(TimelineLoader.Load(media.Write("swap.json", Timeline)));

    private void MakeSwap(double seconds) =>
        TestMedia.Ffmpeg("-f", "lavfi", "-i", $"color=c=red:s=160x90:r=30:d={seconds}", "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", media.Out("swap.mp4"));

    [Fact]
    public void A_file_replaced_in_place_is_probed_again()
    {
        MakeSwap(1);
        Assert.Equal(30, Validate().TotalFrames);
        MakeSwap(2);
        Assert.Equal(60, Validate().TotalFrames);
    }

    [Fact]
    public void A_missing_file_that_appears_later_is_found()
    {
        var path = media.Write("late.json", """{ "width": 160, "height": 90, "fps": 30, "tracks": [ { "clips": [ { "video": "late.mp4" } ] } ] }""");
        var e = Assert.ThrowsAny<TesseraError>(() => new TimelineRenderer().Validate(TimelineLoader.Load(path)));
        Assert.Contains("file not found", e.Message);
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "color=c=blue:s=160x90:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", media.Out("late.mp4"));
        Assert.Equal(30, new TimelineRenderer().Validate(TimelineLoader.Load(path)).TotalFrames);
    }
}
