namespace Tessera.Media.Tests;

public sealed class FrameRoundTripTests
{
    [Fact]
    public void ThirtyFramesSurviveEncodeAndDecodeAbove40Db()
    {
        using var dir = new TempFolder();
        const int w = 160, h = 96;
        var frames = Enumerable.Range(0, 30).Select(i => SyntheticFrames.Make(w, h, i)).ToList();
        var path = dir.File("clip.mp4");
        FrameWriter.WriteAll(path, new FrameWriteOptions(w, h, 24, Crf: 4, Preset: "fast"), frames);

        var back = FrameReader.ReadAll(path, null, out var rw, out var rh, out var fps);
        Assert.Equal((w, h), (rw, rh));
        Assert.Equal(24, fps, 3);
        Assert.Equal(30, back.Count);
        for (var i = 0; i < 30; i++)
        {
            var psnr = ImageQuality.Psnr(frames[i], back[i]);
            Assert.True(psnr >= 40, $"frame {i}: PSNR {psnr:0.0} dB < 40 dB");
        }
        // Order is kept: frame 0 matches frame 0 far better than frame 29 does.
        Assert.True(ImageQuality.Psnr(frames[0], back[0]) > ImageQuality.Psnr(frames[29], back[0]) + 5);
    }

    [Fact]
    public void WrittenFileIsFastStartH264Yuv420p()
    {
        using var dir = new TempFolder();
        var path = dir.File("clip.mp4");
        FrameWriter.WriteAll(path, new FrameWriteOptions(64, 48, 10), Enumerable.Range(0, 5).Select(i => SyntheticFrames.Make(64, 48, i)));
        var info = MediaProbe.Probe(path);
        Assert.Equal("h264", info.Video!.Codec);
        Assert.Equal("yuv420p", info.Video.PixelFormat);
        // +faststart puts the moov atom before mdat, so players can start before the download ends.
        var all = File.ReadAllBytes(path);
        var head = all[..Math.Min(all.Length, 4096)];
        var text = System.Text.Encoding.ASCII.GetString(head);
        var moov = text.IndexOf("moov", StringComparison.Ordinal);
        var mdat = text.IndexOf("mdat", StringComparison.Ordinal);
        Assert.True(moov >= 0, "moov atom is not in the first 4 KiB");
        Assert.True(mdat < 0 || moov < mdat, "moov comes after mdat");
    }

    [Fact]
    public void OddSizesArePaddedNotRefused()
    {
        using var dir = new TempFolder();
        var path = dir.File("odd.mp4");
        FrameWriter.WriteAll(path, new FrameWriteOptions(33, 17, 10), [new byte[33 * 17 * 3]]);
        Assert.Equal((34, 18), (MediaProbe.Probe(path).Video!.Width!.Value, MediaProbe.Probe(path).Video!.Height!.Value));
    }

    [Fact]
    public void ReaderHonoursStartCountFpsAndSize()
    {
        using var dir = new TempFolder();
        var src = Lavfi.TestPattern(dir.File("src.mp4"), 320, 240, 4, fps: 25);
        using var reader = FrameReader.Open(src, new FrameReadOptions(StartSeconds: 1, MaxFrames: 7, Fps: 10, Width: 80));
        Assert.Equal((80, 60), (reader.Width, reader.Height));
        var buf = new byte[reader.FrameBytes];
        var n = 0;
        while (reader.ReadFrame(buf)) n++;
        Assert.Equal(7, n);
    }

    [Fact]
    public void PngRoundTripIsLossless()
    {
        using var dir = new TempFolder();
        var image = new RgbImage(40, 30, SyntheticFrames.Make(40, 30, 3));
        image.SavePng(dir.File("a.png"));
        var back = RgbImage.Load(dir.File("a.png"));
        Assert.Equal(image.Pixels, back.Pixels);
    }

    [Fact]
    public void LongFilesStreamInConstantMemory()
    {
        using var dir = new TempFolder();
        // 20 s of 640x360 is 1.4 GB as raw RGB: reading it frame by frame must not hold it.
        var src = Lavfi.TestPattern(dir.File("long.mp4"), 640, 360, 20, fps: 25);
        using var reader = FrameReader.Open(src);
        var buf = new byte[reader.FrameBytes];
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var n = 0;
        while (reader.ReadFrame(buf)) n++;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(500, n);
        Assert.True(after - before < 32 * 1024 * 1024, $"managed memory grew by {(after - before) / 1e6:0} MB");
    }
}
