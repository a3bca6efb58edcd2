using Tessera.Engine.Data;
using Tessera.Engine.Vae;
using Tessera.Media;

namespace Tessera.Engine.Training;

/// <summary>Writes a reconstruction sample video: each row is a held-out clip, original left, VAE output right.</summary>
public static class VaeSampleWriter
{
    public static void Write(string path, VideoVae vae, DecodedClipCache data, int clips = 2)
    {
        var ds = data.Dataset;
        var (w, h) = (ds.Width, ds.Height);
        var frames = VaeEvaluator.UsableFrames(ds.Frames, vae.Config.TimeFactor);
        var rows = Enumerable.Range(0, Math.Min(clips, data.Count)).Select(i =>
        {
            var original = data.Frames(i)[..frames];
            return (Original: original, Recon: VaeEvaluator.Reconstruct(vae, original, w, h));
        }).ToList();
        var canvasW = 2 * w;
        using var writer = FrameWriter.Create(path, new FrameWriteOptions(canvasW, h * rows.Count, ds.Fps, Crf: 12, Preset: "veryfast"));
        var canvas = new byte[canvasW * h * rows.Count * 3];
        for (var t = 0; t < frames; t++)
        {
            for (var r = 0; r < rows.Count; r++)
                for (var y = 0; y < h; y++)
                {
                    var dst = ((r * h + y) * canvasW) * 3;
                    rows[r].Original[t].AsSpan(y * w * 3, w * 3).CopyTo(canvas.AsSpan(dst));
                    rows[r].Recon[t].AsSpan(y * w * 3, w * 3).CopyTo(canvas.AsSpan(dst + w * 3));
                }
            writer.WriteFrame(canvas);
        }
        writer.Complete();
    }
}
