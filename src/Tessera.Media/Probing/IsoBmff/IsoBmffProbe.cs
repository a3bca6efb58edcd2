using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Tessera.Media;

/// <summary>
/// Reads an MP4 / MOV / M4A file's metadata in-process (the moov box: movie and track headers, sample
/// descriptions, time-to-sample tables, edit lists), giving the same <see cref="MediaInfo"/> that
/// ffprobe's output parses to, without starting a process (ffprobe costs ~0.25 s of CPU a file, almost
/// all of it loading FFmpeg's libraries). It answers only when the answer is certain: H.264 video and
/// AAC-LC audio tracks, no fragments, no cover art or chapter/text/timecode tracks, at most one plain
/// edit per track. For anything else — or any box it cannot parse — it returns null (with the reason) and the caller asks
/// ffprobe, so an unusual file costs time, never a wrong answer.
/// </summary>
internal static class IsoBmffProbe
{
    /// <summary>FFmpeg's name for its QuickTime/MP4 demuxer, as ffprobe reports it.</summary>
    public const string FormatName = "mov,mp4,m4a,3gp,3g2,mj2";

    /// <summary>A moov this large is unusual (hours of samples): ffprobe reads it instead of holding it here.</summary>
    private const long MaxMoovBytes = 64L * 1024 * 1024;

    private static readonly string[] FirstBoxes = ["ftyp", "moov", "mdat", "free", "skip", "wide"];

    /// <summary>The file's media info, or null when the file is not one this reader is certain about.</summary>
    public static MediaInfo? TryRead(string path) => TryRead(path, out _);

    /// <param name="whyNot">Why the file is left to ffprobe (null when it was read).</param>
    public static MediaInfo? TryRead(string path, out string? whyNot)
    {
        whyNot = null;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.RandomAccess);
            return Read(path, file.Length, FindMoov(file));
        }
        catch (BoxFormatException e)
        {
            whyNot = e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or OverflowException or EndOfStreamException or NotSupportedException)
        {
            whyNot = e.Message;
        }
        return null;
    }

    /// <summary>Walks the top-level boxes (seeking past media data) to the one moov.</summary>
    private static Box FindMoov(FileStream file)
    {
        var length = file.Length;
        Span<byte> header = stackalloc byte[16];
        long pos = 0;
        Box? moov = null;
        var first = true;
        while (pos < length)
        {
            if (length - pos < 8) throw new BoxFormatException("stray bytes at the end of the file");
            file.Position = pos;
            file.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.Latin1.GetString(header.Slice(4, 4));
            if (first && Array.IndexOf(FirstBoxes, type) < 0) throw new BoxFormatException("not an MP4/MOV file");
            first = false;
            var headerSize = 8;
            if (size == 1)
            {
                if (length - pos < 16) throw new BoxFormatException($"{type}: 64-bit size cut short");
                file.ReadExactly(header.Slice(8, 8));
                size = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
                headerSize = 16;
            }
            else if (size == 0) size = length - pos;
            if (size < headerSize) throw new BoxFormatException($"{type}: bad size {size}");
            // Fragments, or a box cut off by a truncated file: ffprobe decides what such a file is.
            if (type is "moof" or "mfra") throw new BoxFormatException("a fragmented file");
            if (size > length - pos)
            {
                if (moov is null) throw new BoxFormatException($"{type} runs past the end of the file (truncated?)");
                break;
            }
            if (type == "moov")
            {
                if (moov is not null || size - headerSize > MaxMoovBytes) throw new BoxFormatException("more than one moov, or a very large one");
                var payload = new byte[size - headerSize];
                file.Position = pos + headerSize;
                file.ReadExactly(payload);
                moov = new Box("moov", payload);
            }
            pos += size;
        }
        return moov ?? throw new BoxFormatException("no moov box");
    }

    private static MediaInfo Read(string path, long fileBytes, Box moov)
    {
        // Cover art becomes an extra stream in FFmpeg (and can shift the stream indices); leave such files to ffprobe.
        if (moov.Payload.Span.IndexOf("covr"u8) >= 0) throw new BoxFormatException("cover art");
        var children = moov.Children();
        if (Box.Find(children, "mvex") is not null) throw new BoxFormatException("a fragmented file");
        var mvhd = Box.Find(children, "mvhd") ?? throw new BoxFormatException("no mvhd");
        var v1 = mvhd.Version == 1;
        var movieScale = mvhd.U32(v1 ? 20 : 12);
        var movieDuration = v1 ? mvhd.U64(24) : mvhd.U32(16);
        if (movieScale == 0 || movieDuration == 0 || movieDuration > long.MaxValue / 1_000_000) throw new BoxFormatException($"mvhd: duration {movieDuration} at timescale {movieScale}");
        if (!IsIdentity(mvhd, v1 ? 48 : 36)) throw new BoxFormatException("mvhd: a movie matrix");
        var streams = new List<StreamInfo>();
        foreach (var trak in children)
        {
            if (trak.Type != "trak") continue;
            streams.Add(Track(trak, streams.Count, movieScale));
        }
        if (streams.Count == 0) throw new BoxFormatException("no tracks");
        // ffprobe's format duration: mvhd's, in microseconds, printed with six decimals.
        var micros = Rescale((long)movieDuration, 1_000_000, movieScale);
        return new MediaInfo(path, FormatName, Printed(micros * (1.0 / 1_000_000)), fileBytes, streams);
    }

    private static StreamInfo Track(Box trak, int index, uint movieScale)
    {
        var tkhd = trak.Single("tkhd") ?? throw new BoxFormatException("no tkhd");
        var mdia = trak.Single("mdia") ?? throw new BoxFormatException("no mdia");
        var mdhd = mdia.Single("mdhd") ?? throw new BoxFormatException("no mdhd");
        var hdlr = mdia.Single("hdlr") ?? throw new BoxFormatException("no hdlr");
        var stbl = (mdia.Single("minf") ?? throw new BoxFormatException("no minf")).Single("stbl") ?? throw new BoxFormatException("no stbl");
        var handler = hdlr.FourCc(8);
        if (handler is not ("vide" or "soun")) throw new BoxFormatException($"a {handler} track");

        var v1 = mdhd.Version == 1;
        long timescale = mdhd.U32(v1 ? 16 : 12);
        var mediaDuration = v1 ? mdhd.I64(20) : mdhd.U32(16);
        if (timescale == 0) throw new BoxFormatException("mdhd: timescale 0");

        var stts = Stts(stbl.Single("stts") ?? throw new BoxFormatException("no stts"));
        var stsz = stbl.Single("stsz");
        if (stsz is null || stsz.Value.U32(8) != stts.Samples) throw new BoxFormatException("stsz missing or disagreeing with stts");
        var duration = StreamDuration(trak, mediaDuration, stts.Duration, timescale, movieScale);
        var seconds = Printed(duration * (1.0 / timescale));

        var stsd = stbl.Single("stsd") ?? throw new BoxFormatException("no stsd");
        if (stsd.U32(4) != 1) throw new BoxFormatException("stsd: several sample descriptions");
        var entries = stsd.Children(8);
        if (entries.Count != 1) throw new BoxFormatException("stsd: several sample descriptions");
        var entry = entries[0];
        if (handler == "vide")
        {
            if (entry.Type is not ("avc1" or "avc3") || stts.Samples == 0) throw new BoxFormatException($"{entry.Type} video");
            var children = entry.Children(78);
            var avcC = Box.Find(children, "avcC") ?? throw new BoxFormatException("no avcC");
            var sps = H264Sps.FromAvcC(avcC, ContainerRange(Box.Find(children, "colr")));
            if (sps.Width != entry.U16(24) || sps.Height != entry.U16(26)) throw new BoxFormatException("H.264 size differs from the sample description");
            var rotation = Rotation(tkhd);
            // avg_frame_rate as FFmpeg reduces it; a fraction it would have to approximate is left to ffprobe.
            var (num, den) = Reduce(timescale * stts.Samples, stts.FpsDuration);
            if (num > int.MaxValue || den > int.MaxValue || num == 0) throw new BoxFormatException("a frame rate FFmpeg would approximate");
            return new StreamInfo(index, "video", "h264", seconds, sps.Width, sps.Height, (double)num / den,
                stts.Samples, sps.PixelFormat, rotation, null, null);
        }
        if (entry.Type != "mp4a") throw new BoxFormatException($"{entry.Type} audio");
        var soundVersion = entry.U16(8);
        // QuickTime sound descriptions: version 1 adds 16 bytes; version 2 is laid out differently.
        var skip = soundVersion switch { 0 => 28, 1 => 44, _ => -1 };
        if (skip < 0) throw new BoxFormatException("QuickTime sound description version 2");
        var boxes = entry.Children(skip);
        var esds = Box.Find(boxes, "esds") ?? (Box.Find(boxes, "wave") is { } wave ? wave.Child("esds") : null) ?? throw new BoxFormatException("mp4a without esds");
        var aac = AacConfig.FromEsds(esds);
        return new StreamInfo(index, "audio", "aac", seconds, null, null, null, stts.Samples, null, 0, aac.SampleRate, aac.Channels);
    }

    /// <summary>Sample count, total duration, and the duration FFmpeg uses for the average frame rate.</summary>
    private readonly record struct TimeToSample(long Samples, long Duration, long FpsDuration);

    private static TimeToSample Stts(Box stts)
    {
        var count = stts.U32(4);
        if (count > (stts.Payload.Length - 8) / 8) throw new BoxFormatException("stts: more entries than bytes");
        long samples = 0, duration = 0, fpsDuration = 0;
        for (var i = 0; i < count; i++)
        {
            long n = stts.U32(8 + 8 * i);
            long delta = stts.U32(12 + 8 * i);
            duration += n * delta;
            // FFmpeg's mov demuxer: a single long last sample does not count against the frame rate.
            if (i + 1 == count && i > 0 && n == 1 && samples > 100 && delta / 10 > fpsDuration / samples)
                delta = fpsDuration / samples;
            fpsDuration += n * delta;
            samples += n;
        }
        return new TimeToSample(samples, duration, fpsDuration);
    }

    /// <summary>The stream's duration in its timescale as FFmpeg reports it.</summary>
    private static long StreamDuration(Box trak, long mediaDuration, long sampleDuration, long timescale, uint movieScale)
    {
        var edts = trak.Single("edts");
        if (edts is null)
            return mediaDuration == sampleDuration && mediaDuration > 0 ? mediaDuration : throw new BoxFormatException("mdhd and stts durations differ");
        var elst = edts.Value.Single("elst") ?? throw new BoxFormatException("edts without elst");
        if (elst.U32(4) != 1) throw new BoxFormatException("several edits"); // FFmpeg rebuilds the index: ask it
        var v1 = elst.Version == 1;
        var segment = v1 ? elst.I64(8) : elst.U32(8);
        var mediaTime = v1 ? elst.I64(16) : elst.I32(12);
        var rate = elst.U32(v1 ? 24 : 16);
        if (mediaTime < 0 || rate != 0x10000 || segment <= 0) throw new BoxFormatException("an empty, slowed or zero-length edit");
        // One edit: FFmpeg takes the edit's length in the track's timescale, cut to the media's (muxers round
        // the edit up to the movie's coarser timescale, so it often reaches a little past the samples).
        var duration = Rescale(segment, timescale, movieScale);
        if (duration <= Math.Min(mediaDuration, sampleDuration)) return duration;
        return mediaDuration == sampleDuration ? mediaDuration : throw new BoxFormatException("an edit past media whose mdhd and stts durations differ");
    }

    /// <summary>The rotation ffprobe reports for a track matrix (0, 90, 180, 270); anything but a plain rotation is not taken on.</summary>
    private static int Rotation(Box tkhd)
    {
        var at = tkhd.Version == 1 ? 52 : 40;
        int a = tkhd.I32(at), b = tkhd.I32(at + 4), u = tkhd.I32(at + 8), c = tkhd.I32(at + 12), d = tkhd.I32(at + 16), v = tkhd.I32(at + 20), w = tkhd.I32(at + 32);
        if (u != 0 || v != 0 || w != 0x40000000) throw new BoxFormatException("tkhd: a perspective matrix");
        const int one = 0x10000;
        return (a, b, c, d) switch
        {
            (one, 0, 0, one) => 0,
            (0, one, -one, 0) => 270, // FFmpeg: -atan2(b, a) = -90
            (-one, 0, 0, -one) => 180,
            (0, -one, one, 0) => 90,
            _ => throw new BoxFormatException("tkhd: a matrix that scales or skews"),
        };
    }

    private static bool IsIdentity(Box box, int at) =>
        box.I32(at) == 0x10000 && box.I32(at + 4) == 0 && box.I32(at + 8) == 0 &&
        box.I32(at + 12) == 0 && box.I32(at + 16) == 0x10000 && box.I32(at + 20) == 0 &&
        box.I32(at + 24) == 0 && box.I32(at + 28) == 0 && box.I32(at + 32) == 0x40000000;

    /// <summary>The full-range flag of an nclx colr box (null if none, or a QuickTime nclc that has no flag).</summary>
    private static bool? ContainerRange(Box? colr) =>
        colr is { } c && c.FourCc(0) == "nclx" ? (c.U8(10) & 0x80) != 0 : null;

    /// <summary>av_rescale: a·b/c rounded to nearest, halves away from zero, without overflow.</summary>
    private static long Rescale(long a, long b, long c) =>
        (long)(((Int128)a * b + c / 2) / c);

    private static (long, long) Reduce(long num, long den)
    {
        if (den <= 0) return (0, 1);
        var g = (long)ulong.CreateChecked(System.Numerics.BigInteger.GreatestCommonDivisor(num, den));
        return (num / g, den / g);
    }

    /// <summary>A time as ffprobe prints it (six decimals) and Tessera parses it back.</summary>
    private static double Printed(double seconds) =>
        double.Parse(seconds.ToString("F6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
