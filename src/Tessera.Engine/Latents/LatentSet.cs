using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Latents;

/// <summary>
/// A data set encoded once into latents, held in memory for DiT training (so no step runs the VAE).
/// Per clip: the whole clip, its last frame encoded alone as a still (the first + last condition) and
/// its first <see cref="ContextFrames"/> frames with the last one held (the video-prediction condition).
/// </summary>
/// <param name="Video">(N, C, T, h, w) latents of whole clips.</param>
/// <param name="LastStill">(N, C, 1, h, w) latent of each clip's last frame alone.</param>
/// <param name="Context">(N, C, Tc, h, w) latents of the held context clip.</param>
/// <param name="Captions">Each clip's caption phrasings (en and zh).</param>
/// <param name="ContextFrames">Pixel frames of context encoded in <paramref name="Context"/>.</param>
/// <param name="Width">Pixel width of the clips.</param>
/// <param name="Height">Pixel height of the clips.</param>
/// <param name="Frames">Pixel frames per clip.</param>
/// <param name="Fps">Clip frame rate.</param>
public sealed record LatentSet(Tensor Video, Tensor LastStill, Tensor Context, IReadOnlyList<IReadOnlyList<string>> Captions,
    int ContextFrames, int Width, int Height, int Frames, double Fps) : IDisposable
{
    public int Count => (int)Video.shape[0];

    /// <summary>This set's clips followed by <paramref name="more"/>'s, in new tensors (both inputs stay as they are).</summary>
    public LatentSet Concat(LatentSet more)
    {
        if ((more.Width, more.Height, more.Frames, more.ContextFrames) != (Width, Height, Frames, ContextFrames))
            throw new ArgumentException($"cannot join {more.Width}x{more.Height}x{more.Frames} latents to {Width}x{Height}x{Frames} ones");
        return this with
        {
            Video = torch.cat([Video, more.Video]),
            LastStill = torch.cat([LastStill, more.LastStill]),
            Context = torch.cat([Context, more.Context]),
            Captions = Captions.Concat(more.Captions).ToList(),
        };
    }

    public void Dispose()
    {
        Video.Dispose();
        LastStill.Dispose();
        Context.Dispose();
    }
}
