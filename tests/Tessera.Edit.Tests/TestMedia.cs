using System.Globalization;
using Tessera.Media;

namespace Tessera.Edit.Tests;

/// <summary>
/// Small sources made once with ffmpeg's lavfi (solid colours with tones, an image, music and voice)
/// in a temp folder shared by the tests, plus helpers that read a render back as pixels and samples.
/// </summary>
public sealed class TestMedia : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("tessera-edit-tests-").FullName;

    /// <summary>2 s, 160x90 at 30 fps: red with a 440 Hz tone at amplitude 0.25.</summary>
    public string Red => Path.Combine(Dir, "red.mp4");
    /// <summary>2 s, 160x90 at 30 fps: blue with an 880 Hz tone at amplitude 0.25.</summary>
    public string Blue => Path.Combine(Dir, "blue.mp4");
    /// <summary>A 160x90 green PNG.</summary>
    public string GreenPng => Path.Combine(Dir, "green.png");
    /// <summary>2 s at 30 fps: red for frames 0–14, blue from frame 15 (0.5 s) on; for frame-exact cuts.</summary>
    public string Halves => Path.Combine(Dir, "halves.mp4");
    /// <summary>6 s of a 330 Hz tone at amplitude 0.25 (music).</summary>
    public string Music => Path.Combine(Dir, "music.wav");

    public TestMedia()
    {
        Make(Red, "color=c=red:s=160x90:r=30:d=2", "sine=f=440:r=48000:d=2", 0.25);
        Make(Blue, "color=c=blue:s=160x90:r=30:d=2", "sine=f=880:r=48000:d=2", 0.25);
        Ffmpeg("-f", "lavfi", "-i", "color=c=0x00FF00:s=160x90", "-frames:v", "1", GreenPng);
        Ffmpeg("-f", "lavfi", "-i", "color=c=red:s=160x90:r=30:d=0.5", "-f", "lavfi", "-i", "color=c=blue:s=160x90:r=30:d=1.5",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10",
            "-pix_fmt", "yuv420p", "-g", "60", Halves);
        Ffmpeg("-f", "lavfi", "-i", "sine=f=330:r=48000:d=6", "-af", "volume=2", "-c:a", "pcm_s16le", Music);
    }

    private static void Make(string path, string video, string audio, double amplitude)
    {
        // lavfi's sine has amplitude 1/8; scale it to the amplitude asked for.
        Ffmpeg("-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio,
            "-af", $"volume={(amplitude * 8).ToString(CultureInfo.InvariantCulture)}",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10", "-pix_fmt", "yuv420p", "-g", "15",
            "-c:a", "aac", "-b:a", "128k", "-shortest", path);
    }

    public static void Ffmpeg(params string[] args) =>
        ChildProcess.RunForText(FfmpegTools.Ffmpeg, ["-nostdin", "-v", "error", "-y", .. args], TimeSpan.FromMinutes(1));

    /// <summary>Writes a timeline file into the media folder (so relative paths resolve there).</summary>
    public string Write(string name, string json)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    public string Out(string name) => Path.Combine(Dir, name);

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition("media")]
public sealed class MediaCollection : ICollectionFixture<TestMedia>;

/// <summary>A render decoded back: all frames as RGB, and the audio as mono float samples.</summary>
public sealed class Decoded
{
    public List<byte[]> Frames { get; }
    public int Width { get; }
    public int Height { get; }
    public MediaInfo Info { get; }

    public Decoded(string path)
    {
        Info = MediaProbe.Probe(path);
        Frames = FrameReader.ReadAll(path, null, out var w, out var h, out _);
        (Width, Height) = (w, h);
    }

    /// <summary>Mean colour of a rectangle given in fractions of the frame.</summary>
    public (double R, double G, double B) Mean(int frame, double x0 = 0.4, double y0 = 0.4, double x1 = 0.6, double y1 = 0.6)
    {
        var f = Frames[frame];
        double r = 0, g = 0, b = 0;
        var n = 0;
        for (var y = (int)(y0 * Height); y < (int)(y1 * Height); y++)
        for (var x = (int)(x0 * Width); x < (int)(x1 * Width); x++)
        {
            var i = (y * Width + x) * 3;
            r += f[i]; g += f[i + 1]; b += f[i + 2];
            n++;
        }
        return (r / n, g / n, b / n);
    }

    /// <summary>How many pixels of a rectangle are near white (text).</summary>
    public int WhitePixels(int frame, double x0 = 0.2, double y0 = 0.3, double x1 = 0.8, double y1 = 0.7)
    {
        var f = Frames[frame];
        var count = 0;
        for (var y = (int)(y0 * Height); y < (int)(y1 * Height); y++)
        for (var x = (int)(x0 * Width); x < (int)(x1 * Width); x++)
        {
            var i = (y * Width + x) * 3;
            if (f[i] > 200 && f[i + 1] > 200 && f[i + 2] > 200) count++;
        }
        return count;
    }

    public static float[] Samples(string path)
    {
        using var child = ChildProcess.Start(FfmpegTools.Ffmpeg,
            ["-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-ac", "1", "-ar", "48000", "-f", "f32le", "-"], TimeSpan.FromMinutes(1));
        using var ms = new MemoryStream();
        child.StandardOutput.CopyTo(ms);
        child.WaitForExit();
        var bytes = ms.ToArray();
        var samples = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 4);
        return samples;
    }

    /// <summary>RMS of the samples between two times.</summary>
    public static double Rms(float[] samples, double from, double to)
    {
        var a = (int)(from * 48000);
        var b = Math.Min(samples.Length, (int)(to * 48000));
        if (b <= a) return 0;
        double sum = 0;
        for (var i = a; i < b; i++) sum += samples[i] * (double)samples[i];
        return Math.Sqrt(sum / (b - a));
    }
}
