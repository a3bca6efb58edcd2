namespace Tessera.Media.Tests;

/// <summary>
/// The in-process MP4/MOV reader must give exactly what ffprobe gives for the files it takes on, hand
/// every other file to ffprobe, and never crash on a damaged one.
/// </summary>
public sealed class IsoBmffProbeTests
{
    private const string Tone = "sine=frequency=440:sample_rate=48000:duration=1";

    public static TheoryData<string, string[]> ReadInProcess => new()
    {
        // Like the editor benchmark's clips: moov at the end, mono AAC, B-frames (an edit list on both tracks).
        { "bench.mp4", ["-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=2", "-f", "lavfi", "-i", Tone, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"] },
        { "faststart.mp4", ["-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=2", "-f", "lavfi", "-i", Tone, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart"] },
        { "ntsc.mp4", ["-f", "lavfi", "-i", "testsrc2=s=640x360:r=30000/1001:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"] },
        // 1080 lines are coded as 1088 and cropped: the size must come out as 1080.
        { "hd-stereo.mp4", ["-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=25:d=0.4", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=0.4", "-ac", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"] },
        { "full-range.mp4", ["-f", "lavfi", "-i", "testsrc2=s=256x144:r=24:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuvj420p"] },
        { "yuv422.mp4", ["-f", "lavfi", "-i", "testsrc2=s=256x144:r=50:d=0.5", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv422p"] },
        { "quicktime.mov", ["-f", "lavfi", "-i", "testsrc2=s=320x240:r=15:d=1", "-f", "lavfi", "-i", Tone, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"] },
        { "phone.mp4", ["-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-metadata:s:v:0", "rotate=90"] },
        { "upside-down.mp4", ["-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-metadata:s:v:0", "rotate=180"] },
        { "voice.m4a", ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=32000:duration=1.5", "-c:a", "aac"] },
        // FFmpeg's encoder signals "no SBR", so even a low rate is certain without decoding.
        { "low-rate.m4a", ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=1", "-c:a", "aac"] },
        // -shortest: the video's edit (rounded up to whole milliseconds) reaches past its last frame.
        { "shortest.mp4", ["-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=2", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", "-shortest"] },
        { "no-edit-list.mp4", ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-use_editlist", "0"] },
    };

    [Theory]
    [MemberData(nameof(ReadInProcess))]
    public void SameAsFfprobeWithoutStartingIt(string name, string[] args)
    {
        using var dir = new TempFolder();
        var file = Lavfi.Make(dir.File(name), args);
        var fast = IsoBmffProbe.TryRead(file, out var whyNot);
        Assert.True(fast is not null, whyNot);
        AssertSame(MediaProbe.ProbeWithFfprobe(file), fast);
        AssertSame(fast, MediaProbe.Probe(file));
    }

    public static TheoryData<string, string[]> LeftToFfprobe => new()
    {
        { "matroska.mkv", ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=1", "-c:v", "libx264", "-preset", "ultrafast"] },
        { "picture.png", ["-f", "lavfi", "-i", "testsrc2=s=160x90:d=1", "-frames:v", "1"] },
        { "mpeg4-mp3.mp4", ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=1", "-f", "lavfi", "-i", Tone, "-c:v", "mpeg4", "-c:a", "libmp3lame"] },
        { "fragmented.mp4", ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-movflags", "frag_keyframe+empty_moov"] },
        { "hevc.mp4", ["-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=1", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=none"] },
    };

    [Theory]
    [MemberData(nameof(LeftToFfprobe))]
    public void OtherFilesGoToFfprobe(string name, string[] args)
    {
        using var dir = new TempFolder();
        var file = Lavfi.Make(dir.File(name), args);
        Assert.Null(IsoBmffProbe.TryRead(file));
        AssertSame(MediaProbe.ProbeWithFfprobe(file), MediaProbe.Probe(file));
    }

    [Fact]
    public void TruncatedOrCorruptFilesNeverCrash()
    {
        using var dir = new TempFolder();
        var file = Lavfi.Make(dir.File("src.mp4"), "-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=1", "-f", "lavfi", "-i", Tone,
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart");
        var bytes = File.ReadAllBytes(file);
        var moovEnd = MoovEnd(bytes);

        // Cut inside the moov: not read here; the user gets what ffprobe makes of it (an answer or a one-line error).
        var cut = dir.File("cut.mp4");
        File.WriteAllBytes(cut, bytes[..(moovEnd / 2)]);
        Assert.Null(IsoBmffProbe.TryRead(cut, out var whyNot));
        Assert.Contains("truncated", whyNot);
        var viaFfprobe = Record.Exception(() => MediaProbe.ProbeWithFfprobe(cut));
        var e = Record.Exception(() => MediaProbe.Probe(cut));
        Assert.Equal(viaFfprobe?.Message, e?.Message);
        if (e is not null) Assert.IsType<MediaError>(e);

        // Cut before the moov (a download stopped early, moov at the end): a clear one-line error naming the file.
        var early = Lavfi.Make(dir.File("early.mp4"), "-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=1", "-c:v", "libx264", "-preset", "ultrafast");
        var earlyBytes = File.ReadAllBytes(early);
        File.WriteAllBytes(early, earlyBytes[..(earlyBytes.Length / 2)]);
        Assert.Null(IsoBmffProbe.TryRead(early));
        var error = Assert.Throws<MediaError>(() => MediaProbe.Probe(early));
        Assert.Contains("early.mp4", error.Message);
        Assert.DoesNotContain('\n', error.Message);

        // Every byte of the moov overwritten in turn: an answer or a fallback, never an exception.
        var damaged = dir.File("damaged.mp4");
        var rng = new Random(5);
        for (var at = 0; at < moovEnd; at += 3)
        {
            var copy = (byte[])bytes.Clone();
            copy[at] = (byte)rng.Next(256);
            File.WriteAllBytes(damaged, copy[..moovEnd]);
            _ = IsoBmffProbe.TryRead(damaged);
        }
    }

    [Fact]
    public void LargeSizeBoxesAndMoovAfterTheMediaAreRead()
    {
        using var dir = new TempFolder();
        var file = Lavfi.Make(dir.File("src.mp4"), "-f", "lavfi", "-i", "testsrc2=s=160x90:r=10:d=1",
            "-c:v", "libx264", "-preset", "ultrafast");
        var bytes = File.ReadAllBytes(file);
        // Rewrite the mdat header with a 64-bit size (size field 1, then the real size), as >4 GiB files have.
        var mdat = IndexOfBox(bytes, "mdat"u8);
        var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mdat - 4));
        var large = new List<byte>(bytes[..(mdat - 4)]);
        large.AddRange([0, 0, 0, 1, .. "mdat"u8.ToArray()]);
        var big = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(big, size + 8UL);
        large.AddRange(big);
        large.AddRange(bytes[(mdat + 4)..]);
        // Chunk offsets now point 8 bytes early; the metadata (all the probe reads) is unchanged.
        var rewritten = dir.File("large.mp4");
        File.WriteAllBytes(rewritten, [.. large]);
        var info = IsoBmffProbe.TryRead(rewritten, out var whyNot);
        Assert.True(info is not null, whyNot);
        var expected = MediaProbe.ProbeWithFfprobe(file);
        Assert.Equal(expected.Streams, info.Streams);
        Assert.Equal(expected.DurationSeconds, info.DurationSeconds);
    }

    private static void AssertSame(MediaInfo expected, MediaInfo actual)
    {
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.DurationSeconds, actual.DurationSeconds);
        Assert.Equal(expected.SizeBytes, actual.SizeBytes);
        Assert.Equal(expected.Streams, actual.Streams);
    }

    private static int IndexOfBox(byte[] bytes, ReadOnlySpan<byte> type)
    {
        // Top-level walk, so a "mdat" inside another box's data is not mistaken for the box.
        var pos = 0;
        while (pos + 8 <= bytes.Length)
        {
            var size = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(pos));
            if (bytes.AsSpan(pos + 4, 4).SequenceEqual(type)) return pos + 4;
            pos += size;
        }
        throw new InvalidOperationException("box not found");
    }

    private static int MoovEnd(byte[] bytes)
    {
        var moov = IndexOfBox(bytes, "moov"u8) - 4;
        return moov + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(moov));
    }
}
