namespace Tessera.Media.Tests;

public sealed class AudioMuxTests
{
    [Fact]
    public void AudioSurvivesAMuxAndIsCutToTheVideo()
    {
        using var dir = new TempFolder();
        var tone = Lavfi.Tone(dir.File("tone.wav"), 5);
        var path = dir.File("with-audio.mp4");
        // 2 s of video with 5 s of audio: the output ends with the video.
        FrameWriter.WriteAll(path, new FrameWriteOptions(64, 64, 25, AudioPath: tone),
            Enumerable.Range(0, 50).Select(i => SyntheticFrames.Make(64, 64, i)));
        var info = MediaProbe.Probe(path);
        Assert.NotNull(info.Audio);
        Assert.Equal("aac", info.Audio!.Codec);
        Assert.InRange(info.Audio.DurationSeconds!.Value, 1.9, 2.15);
        Assert.InRange(info.DurationSeconds, 1.9, 2.15);
        Assert.Equal(44100, info.Audio.SampleRate);
    }

    [Fact]
    public void ProbeReportsStreamsOfAMuxedFile()
    {
        using var dir = new TempFolder();
        var path = Lavfi.Make(dir.File("av.mp4"), "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest");
        var info = MediaProbe.Probe(path);
        Assert.Equal(2, info.Streams.Count);
        Assert.Equal((320, 180), (info.Video!.Width!.Value, info.Video.Height!.Value));
        Assert.Equal(30, info.Video.Fps!.Value, 3);
        Assert.InRange(info.DurationSeconds, 1.95, 2.1);
        Assert.Equal(0, info.Video.Rotation);
    }

    [Fact]
    public void ProbeSeesPhoneRotation()
    {
        using var dir = new TempFolder();
        var src = Lavfi.TestPattern(dir.File("src.mp4"), 320, 180, 1);
        var rotated = Lavfi.Make(dir.File("rot.mp4"), "-i", src, "-c", "copy", "-metadata:s:v:0", "rotate=90");
        var v = MediaProbe.Probe(rotated).Video!;
        Assert.Equal(90, Math.Abs(v.Rotation) == 270 ? 90 : Math.Abs(v.Rotation));
        Assert.Equal((180, 320), v.DisplaySize);
    }
}
