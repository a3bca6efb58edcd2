namespace Tessera.Media;

/// <summary>One RGB24 picture in memory: the unit for first/last frames and stills.</summary>
public sealed record RgbImage(int Width, int Height, byte[] Pixels)
{
    public static RgbImage Load(string path, int? width = null, int? height = null)
    {
        var frames = FrameReader.ReadAll(path, new FrameReadOptions(MaxFrames: 1, Width: width, Height: height), out var w, out var h, out _);
        return new RgbImage(w, h, frames[0]);
    }

    /// <summary>Saves as PNG (lossless), atomically.</summary>
    public void SavePng(string path)
    {
        if (Pixels.Length != Width * Height * 3) throw new MediaError($"image buffer has {Pixels.Length} bytes, {Width}x{Height} RGB needs {Width * Height * 3}");
        using var output = new AtomicFile(path);
        using (var ffmpeg = ChildProcess.Start(FfmpegTools.Ffmpeg,
            ["-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{Width}x{Height}", "-i", "-",
             "-frames:v", "1", "-f", "image2", "-c:v", "png", output.TempPath], TimeSpan.FromSeconds(60), redirectStdin: true))
        {
            ffmpeg.StandardInput.Write(Pixels);
            ffmpeg.StandardInput.Close();
            if (ffmpeg.WaitForExit() != 0) throw new MediaError($"writing {path} failed: {ffmpeg.LastErrorLine()}", 1);
        }
        output.Commit();
    }
}
