namespace Tessera.Media;

/// <summary>
/// What a 4:2:0 video does to RGB frames: FFmpeg converts them to yuv420p (one chroma sample per 2×2 pixels, as nearly
/// every H.264 MP4 stores them) and back, with its default scaler both ways — the path a user's clip takes from its
/// renderer to <c>--context</c>. Training a model on such frames as well as on clean ones keeps it from misreading
/// them: phyworld-uniform, trained on clean frames only, read ball speeds from 4:2:0 context frames 0.11 units/s worse.
/// </summary>
public static class ChromaSubsampling
{
    /// <summary>The frames (packed RGB24, all <paramref name="width"/>×<paramref name="height"/>, even sides) after a yuv420p round trip.</summary>
    public static List<byte[]> RoundTrip420(IReadOnlyList<byte[]> frames, int width, int height)
    {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0)
            throw new MediaError($"4:2:0 needs even frame sides, got {width}x{height}", 2);
        var frameBytes = width * height * 3;
        if (frames.Any(f => f.Length != frameBytes))
            throw new MediaError($"every frame must hold {width}x{height} RGB24 pixels ({frameBytes} bytes)", 2);
        if (frames.Count == 0) return [];
        using var ffmpeg = ChildProcess.Start(FfmpegTools.Ffmpeg,
            ["-nostdin", "-v", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-i", "-",
             "-vf", "format=yuv420p,format=rgb24", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
            TimeSpan.FromSeconds(60 + frames.Count / 100), redirectStdin: true);
        // Write on another thread: ffmpeg's output pipe must be drained while its input is still being fed.
        var feed = Task.Run(() =>
        {
            try
            {
                foreach (var f in frames) ffmpeg.StandardInput.Write(f);
            }
            catch (IOException) { }   // ffmpeg died: its exit code and stderr say why
            finally
            {
                try { ffmpeg.StandardInput.Close(); } catch (IOException) { }
            }
        });
        var output = new byte[frames.Count * frameBytes];
        var read = 0;
        int n;
        while (read < output.Length && (n = ffmpeg.StandardOutput.Read(output, read, output.Length - read)) > 0) read += n;
        feed.Wait();
        var code = ffmpeg.WaitForExit();
        if (ffmpeg.TimedOut) throw new MediaError("ffmpeg took too long converting frames to 4:2:0 and was stopped", 1);
        if (code != 0 || read != output.Length)
            throw new MediaError($"ffmpeg could not convert frames to 4:2:0 and back: {ffmpeg.LastErrorLine()}", 1);
        return Enumerable.Range(0, frames.Count).Select(i => output.AsSpan(i * frameBytes, frameBytes).ToArray()).ToList();
    }
}
