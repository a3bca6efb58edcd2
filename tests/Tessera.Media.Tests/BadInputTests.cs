using System.Diagnostics;

namespace Tessera.Media.Tests;

public sealed class BadInputTests
{
    private static void AssertOneLine(MediaError e, string mustContain)
    {
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(mustContain, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void MissingFile()
    {
        var e = Assert.Throws<MediaError>(() => MediaProbe.Probe("/nonexistent/clip.mp4"));
        AssertOneLine(e, "not found");
        Assert.Contains("/nonexistent/clip.mp4", e.Message);
    }

    [Fact]
    public void FolderAndEmptyFile()
    {
        using var dir = new TempFolder();
        AssertOneLine(Assert.Throws<MediaError>(() => MediaProbe.Probe(dir.Path)), "folder");
        File.WriteAllBytes(dir.File("empty.mp4"), []);
        AssertOneLine(Assert.Throws<MediaError>(() => FrameReader.Open(dir.File("empty.mp4"))), "empty");
    }

    [Fact]
    public void APipeIsRefusedNamingWhatToDo()
    {
        // What a shell's <(command) passes: /proc/self/fd/N, a link to an anonymous pipe. It used to crash the
        // in-process MP4 reader (an unseekable stream) with a stack trace.
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        var path = $"/proc/self/fd/{pipe.SafePipeHandle.DangerousGetHandle()}";
        var e = Assert.Throws<MediaError>(() => MediaProbe.Probe(path));
        AssertOneLine(e, "is a pipe");
        Assert.Contains("save it to a file", e.Message);
    }

    [Fact]
    public void NotAVideo()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("notes.mp4"), "this is a shopping list, not a video\n");
        AssertOneLine(Assert.Throws<MediaError>(() => FrameReader.Open(dir.File("notes.mp4"))), "not a readable media file");
    }

    [Fact]
    public void AudioOnlyHasNoFrames()
    {
        using var dir = new TempFolder();
        var tone = Lavfi.Tone(dir.File("tone.wav"), 1);
        AssertOneLine(Assert.Throws<MediaError>(() => FrameReader.Open(tone)), "no video stream");
    }

    [Fact]
    public void TruncatedFile()
    {
        using var dir = new TempFolder();
        var src = Lavfi.TestPattern(dir.File("src.mp4"), 320, 240, 4);
        var bytes = File.ReadAllBytes(src);
        // Keep the header, cut the media data in half.
        File.WriteAllBytes(dir.File("cut.mp4"), bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<MediaError>(() => FrameReader.ReadAll(dir.File("cut.mp4"), null, out _, out _, out _));
        AssertOneLine(e, "cut.mp4");
    }

    [Fact]
    public void ZeroFramesAfterTheEnd()
    {
        using var dir = new TempFolder();
        var src = Lavfi.TestPattern(dir.File("src.mp4"), 64, 64, 1);
        AssertOneLine(Assert.Throws<MediaError>(() => FrameReader.ReadAll(src, new FrameReadOptions(StartSeconds: 30), out _, out _, out _)), "no frames");
    }

    [Fact]
    public void WriterWithNoFramesLeavesNothing()
    {
        using var dir = new TempFolder();
        var path = dir.File("out.mp4");
        using (var writer = FrameWriter.Create(path, new FrameWriteOptions(64, 64, 10)))
            AssertOneLine(Assert.Throws<MediaError>(writer.Complete), "no frames");
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void AbandonedWriterLeavesNoHalfWrittenFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("out.mp4");
        File.WriteAllText(path, "the user's previous render");
        using (var writer = FrameWriter.Create(path, new FrameWriteOptions(64, 64, 10)))
            for (var i = 0; i < 5; i++) writer.WriteFrame(SyntheticFrames.Make(64, 64, i));
        // Not completed (an error upstream): the old file is intact and no temp file is left.
        Assert.Equal("the user's previous render", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(100000, 64)]
    [InlineData(64, -3)]
    public void AbsurdDimensions(int w, int h)
    {
        using var dir = new TempFolder();
        AssertOneLine(Assert.Throws<MediaError>(() => FrameWriter.Create(dir.File("x.mp4"), new FrameWriteOptions(w, h, 10))), "size");
        var src = Lavfi.TestPattern(dir.File("src.mp4"), 64, 64, 1);
        Assert.Throws<MediaError>(() => FrameReader.Open(src, new FrameReadOptions(Width: w, Height: h)));
        Assert.Empty(Directory.GetFiles(dir.Path, "x*"));
    }

    [Fact]
    public void WrongFrameSizeIsRefused()
    {
        using var dir = new TempFolder();
        using var writer = FrameWriter.Create(dir.File("x.mp4"), new FrameWriteOptions(64, 64, 10));
        AssertOneLine(Assert.Throws<MediaError>(() => writer.WriteFrame(new byte[10])), "bytes");
    }

    [Fact]
    public void ClosingAReaderEarlyLeavesNoFfmpegBehind()
    {
        using var dir = new TempFolder();
        var src = Lavfi.TestPattern(dir.File("src.mp4"), 320, 240, 10);
        int pid;
        using (var reader = FrameReader.Open(src))
        {
            pid = reader.DecoderProcessId;
            reader.ReadFrame(new byte[reader.FrameBytes]);
        }
        Assert.False(IsRunning(pid), $"ffmpeg {pid} is still running after the reader was disposed");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
