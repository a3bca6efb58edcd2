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

    /// <summary>(N, C, Tc, h, w) latents of the held context after a 4:2:0 round trip, when the cache was asked for them.</summary>
    public Tensor? LossyContext { get; init; }

    /// <summary>(N, C, ContextFrames, h, w): each context frame encoded alone as a still (<see cref="Conditioning.ContextStills"/>),
    /// when the cache was asked for them.</summary>
    public Tensor? ContextStills { get; init; }

    /// <summary>The context stills made from the 4:2:0 round trip's frames, when both were asked for.</summary>
    public Tensor? LossyContextStills { get; init; }

    /// <summary>(N, 3·s², ContextFrames, h, w) bytes: each context frame's pixels folded onto the latent grid
    /// (<see cref="Conditioning.ContextPixels"/>), when the cache was asked for them.</summary>
    public Tensor? ContextPixels { get; init; }

    /// <summary>The context pixels after the 4:2:0 round trip, when both were asked for.</summary>
    public Tensor? LossyContextPixels { get; init; }

    /// <summary>
    /// <paramref name="first"/>'s clips followed by <paramref name="second"/>'s. Joining disposes both inputs, each tensor
    /// as soon as it is copied: a trainer's sets are gigabytes, and holding both inputs and the result at once doubled its
    /// memory (a resume was killed for it).
    /// </summary>
    public static LatentSet Join(LatentSet first, LatentSet second)
    {
        if ((second.Width, second.Height, second.Frames, second.ContextFrames) != (first.Width, first.Height, first.Frames, first.ContextFrames))
            throw new ArgumentException($"cannot join {second.Width}x{second.Height}x{second.Frames} latents to {first.Width}x{first.Height}x{first.Frames} ones");
        static Tensor CatAndFree(Tensor a, Tensor b)
        {
            var joined = torch.cat([a, b]);
            a.Dispose();
            b.Dispose();
            return joined;
        }
        return first with
        {
            Video = CatAndFree(first.Video, second.Video),
            LastStill = CatAndFree(first.LastStill, second.LastStill),
            Context = CatAndFree(first.Context, second.Context),
            LossyContext = JoinOptional(first.LossyContext, second.LossyContext, "4:2:0 contexts"),
            ContextStills = JoinOptional(first.ContextStills, second.ContextStills, "context stills"),
            LossyContextStills = JoinOptional(first.LossyContextStills, second.LossyContextStills, "4:2:0 context stills"),
            ContextPixels = JoinOptional(first.ContextPixels, second.ContextPixels, "context pixels"),
            LossyContextPixels = JoinOptional(first.LossyContextPixels, second.LossyContextPixels, "4:2:0 context pixels"),
            Captions = first.Captions.Concat(second.Captions).ToList(),
        };

        static Tensor? JoinOptional(Tensor? a, Tensor? b, string what) => (a, b) switch
        {
            (null, null) => null,
            ({ } x, { } y) => CatAndFree(x, y),
            _ => throw new ArgumentException($"cannot join latents with {what} to latents without them"),
        };
    }

    public void Dispose()
    {
        Video.Dispose();
        LastStill.Dispose();
        Context.Dispose();
        LossyContext?.Dispose();
        ContextStills?.Dispose();
        LossyContextStills?.Dispose();
        ContextPixels?.Dispose();
        LossyContextPixels?.Dispose();
    }
}
