using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Vae;

/// <summary>Packed RGB24 frames ↔ video tensors (B, 3, T, H, W) in [−1, 1], the VAE's pixel format.</summary>
public static class VideoTensors
{
    /// <summary>Frames (each width × height × 3 bytes) → (1, 3, T, H, W).</summary>
    public static Tensor FromRgb(IReadOnlyList<byte[]> frames, int width, int height)
    {
        var plane = frames.Count * height * width;
        var data = new float[3 * plane];
        for (var t = 0; t < frames.Count; t++)
        {
            var f = frames[t];
            if (f.Length != width * height * 3) throw new ArgumentException($"frame {t} has {f.Length} bytes, {width}x{height} RGB needs {width * height * 3}");
            for (var i = 0; i < width * height; i++)
                for (var c = 0; c < 3; c++)
                    data[c * plane + t * width * height + i] = f[i * 3 + c] / 127.5f - 1f;
        }
        return torch.tensor(data, [1, 3, frames.Count, height, width]);
    }

    /// <summary>(1, 3, T, H, W) or (3, T, H, W) in [−1, 1] → T frames of packed RGB24, rounded to nearest.</summary>
    public static byte[][] ToRgb(Tensor video)
    {
        using var scope = torch.NewDisposeScope();
        if (video.dim() == 5) video = video[0];
        if (video.dim() != 4 || video.shape[0] != 3) throw new ArgumentException($"video must be (3, T, H, W), got ({string.Join(", ", video.shape)})");
        var (t, h, w) = ((int)video.shape[1], (int)video.shape[2], (int)video.shape[3]);
        var bytes = video.detach().cpu().to_type(ScalarType.Float32)
            .add(HeldScalars.Of(1), HeldScalars.Of(1)).mul(HeldScalars.Of(127.5)).round().clamp(HeldScalars.Of(0), HeldScalars.Of(255)).to_type(ScalarType.Byte)
            .permute(1, 2, 3, 0).contiguous()                               // (T, H, W, 3)
            .bytes.ToArray();
        var frames = new byte[t][];
        for (var i = 0; i < t; i++) frames[i] = bytes.AsSpan(i * h * w * 3, h * w * 3).ToArray();
        return frames;
    }
}
