using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Latents;

/// <summary>Packed RGB24 frames ↔ (3, T, H, W) float tensors in [−1, 1].</summary>
public static class VideoTensors
{
    /// <summary>(3, T, H, W) float32 in [−1, 1].</summary>
    public static Tensor FromFrames(IReadOnlyList<byte[]> frames, int width, int height)
    {
        using var scope = torch.NewDisposeScope();
        var t = BytesFromFrames(frames, width, height).to_type(ScalarType.Float32);
        return (t / HeldScalars.Of(127.5) - HeldScalars.Of(1)).MoveToOuterDisposeScope();
    }

    /// <summary>(3, T, H, W) bytes: the frames' values as they are.</summary>
    public static Tensor BytesFromFrames(IReadOnlyList<byte[]> frames, int width, int height)
    {
        var bytes = new byte[frames.Count * width * height * 3];
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Length != width * height * 3)
                throw new ArgumentException($"frame {i} has {frames[i].Length} bytes, {width}x{height} RGB needs {width * height * 3}");
            frames[i].CopyTo(bytes, i * width * height * 3);
        }
        using var scope = torch.NewDisposeScope();
        return torch.tensor(bytes, ScalarType.Byte).view(frames.Count, height, width, 3)   // (T, H, W, 3)
            .permute(3, 0, 1, 2).MoveToOuterDisposeScope();                                // (3, T, H, W)
    }

    /// <summary>(3, T, H, W) in [−1, 1] → T packed RGB24 frames.</summary>
    public static byte[][] ToFrames(Tensor video)
    {
        using var scope = torch.NewDisposeScope();
        var (t, h, w) = (video.shape[1], video.shape[2], video.shape[3]);
        var bytes = ((video.detach().to(CPU).to_type(ScalarType.Float32).clamp(HeldScalars.Of(-1), HeldScalars.Of(1)) + HeldScalars.Of(1)) * HeldScalars.Of(127.5)).round()
            .to_type(ScalarType.Byte).permute(1, 2, 3, 0).contiguous();                      // (T, H, W, 3)
        var all = bytes.data<byte>().ToArray();
        var frameBytes = (int)(h * w * 3);
        var frames = new byte[t][];
        for (var i = 0; i < t; i++) frames[i] = all.AsSpan(i * frameBytes, frameBytes).ToArray();
        return frames;
    }
}
