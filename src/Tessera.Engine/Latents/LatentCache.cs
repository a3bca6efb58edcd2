using System.Globalization;
using System.Text.Json;
using TorchSharp;
using Tessera.Engine.Checkpoints;
using Tessera.Engine.Conditioning;
using Tessera.Engine.Data;
using Tessera.Media;
using static TorchSharp.torch;

namespace Tessera.Engine.Latents;

/// <summary>
/// Encodes a data set folder into latent part files (DIR/part-00000.safetensors, 256 clips each) once,
/// and loads them back. Parts are written atomically and kept across restarts; a part made with
/// another codec (a different VAE file) or from other clips (<see cref="IClipSource.PartKey"/>) is made again.
/// </summary>
public static class LatentCache
{
    public const int PartSize = 256;
    /// <summary>Clips per encoder call on the CPU; a GPU wants far more (it is launch-bound at 4).</summary>
    public const int DefaultEncodeBatch = 4;

    /// <summary>Name of the optional tensor of context latents made from 4:2:0 frames (<c>lossyContext</c>).</summary>
    public const string LossyContextTensor = "context_420";

    /// <summary>Name of the optional tensor of context frames encoded one by one as stills (<c>contextStills</c>).</summary>
    public const string ContextStillsTensor = "context_stills";

    /// <summary>Name of the optional tensor of context stills made from 4:2:0 frames (<c>lossyContext</c> and <c>contextStills</c>).</summary>
    public const string LossyContextStillsTensor = "context_stills_420";

    /// <summary>Name of the optional tensor of context frames as pixels on the latent grid (<c>contextPixels</c>), bytes.</summary>
    public const string ContextPixelsTensor = "context_pixels";

    /// <summary>Name of the optional tensor of context pixels after a 4:2:0 round trip (<c>lossyContext</c> and <c>contextPixels</c>).</summary>
    public const string LossyContextPixelsTensor = "context_pixels_420";

    /// <param name="lossyContext">Also encode each clip's context after a 4:2:0 round trip (<see cref="ChromaSubsampling"/>),
    /// for training on contexts like a user's MP4; a part cached without it gets it added, its other latents kept.</param>
    /// <param name="contextStills">Also encode each context frame alone as a still (<see cref="ContextStills"/>), from the
    /// 4:2:0 frames too with <paramref name="lossyContext"/>; added to cached parts the same way.</param>
    /// <param name="contextPixels">Also keep each context frame's pixels folded onto the latent grid (<see cref="ContextPixels"/>),
    /// from the 4:2:0 frames too with <paramref name="lossyContext"/>; added to cached parts the same way.</param>
    public static LatentSet Build(IClipSource dataset, IVideoLatentCodec codec, string codecId, string cacheDir,
        int contextFrames = 3, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default,
        int encodeBatch = DefaultEncodeBatch, int? maxClips = null, Action<LatentCacheCounts>? counted = null, bool lossyContext = false,
        bool contextStills = false, bool contextPixels = false)
    {
        var total = Math.Min(dataset.Count, maxClips ?? int.MaxValue);
        if ((dataset.Frames - 1) % codec.TimeFactor != 0)
            throw new TesseraError($"data set {dataset.Directory} has {dataset.Frames} frames a clip; the VAE needs 1 + {codec.TimeFactor}k (make it with --frames 17)");
        if (dataset.Width % (codec.SpaceFactor * 2) != 0 || dataset.Height % (codec.SpaceFactor * 2) != 0)
            throw new TesseraError($"data set {dataset.Directory} is {dataset.Width}x{dataset.Height}; sides must be multiples of {codec.SpaceFactor * 2}");
        if (dataset.Count == 0) throw new TesseraError($"data set {dataset.Directory} holds no samples yet");
        Directory.CreateDirectory(cacheDir);
        var parts = (total + PartSize - 1) / PartSize;
        // Parts are copied into tensors for the whole set as they load: concatenating a list of parts at the end
        // would hold every part and the result at once, twice the set's size.
        Tensor? video = null, last = null, context = null;
        var extras = Extras(lossyContext, contextStills, contextPixels);
        var extraWhole = extras.ToDictionary(name => name, _ => (Tensor?)null);
        var captions = new List<IReadOnlyList<string>>();
        int encoded = 0, completed = 0;
        try
        {
            for (var part = 0; part < parts; part++)
            {
                var first = part * PartSize;
                var count = Math.Min(PartSize, total - first);
                var path = Path.Combine(cacheDir, $"part-{part:D5}.safetensors");
                var key = dataset.PartKey(first, count);
                var content = TryLoadPart(path, codecId, key, first, count, contextFrames);
                if (content is not null && extras.Any(name => !content.Tensors.ContainsKey(name)))
                {
                    AddExtras(dataset, codec, content, path, first, count, contextFrames, encodeBatch, cancellationToken,
                        extras.Where(name => !content.Tensors.ContainsKey(name)).ToList());
                    content.Dispose();
                    content = null;
                    completed += count;
                }
                else if (content is null)
                {
                    EncodePart(dataset, codec, codecId, key, path, first, count, total, contextFrames, encodeBatch, progress, cancellationToken, extras);
                    encoded += count;
                }
                content ??= TryLoadPart(path, codecId, key, first, count, contextFrames)
                            ?? throw new TesseraError($"latent cache part {path} could not be read back after writing it", 1);
                using (content)
                {
                    CopyInto(ref video, content.Tensors["video"], first, total);
                    CopyInto(ref last, content.Tensors["last_still"], first, total);
                    CopyInto(ref context, content.Tensors["context"], first, total);
                    foreach (var name in extras)
                    {
                        var whole = extraWhole[name];
                        CopyInto(ref whole, content.Tensors[name], first, total);
                        extraWhole[name] = whole;
                    }
                }
                captions.AddRange(JsonSerializer.Deserialize<List<List<string>>>(content.Metadata["captions"])!);
                progress?.Report(new ProgressUpdate(first + count, total, "clips encoded"));
            }
        }
        catch
        {
            // Cancelled or failed part way: the whole-set tensors are gigabytes, so let them go now.
            foreach (var t in new[] { video, last, context }.Concat(extraWhole.Values)) t?.Dispose();
            throw;
        }
        var set = new LatentSet(video!, last!, context!, captions, contextFrames, dataset.Width, dataset.Height, dataset.Frames, dataset.Fps)
        {
            LossyContext = extraWhole.GetValueOrDefault(LossyContextTensor),
            ContextStills = extraWhole.GetValueOrDefault(ContextStillsTensor),
            LossyContextStills = extraWhole.GetValueOrDefault(LossyContextStillsTensor),
            ContextPixels = extraWhole.GetValueOrDefault(ContextPixelsTensor),
            LossyContextPixels = extraWhole.GetValueOrDefault(LossyContextPixelsTensor),
        };
        counted?.Invoke(new LatentCacheCounts(total - encoded - completed, encoded, completed));
        return set;
    }

    /// <summary>Copies one part's clips into rows <paramref name="first"/>… of the whole set's tensor, made at the first part.</summary>
    private static void CopyInto(ref Tensor? whole, Tensor part, int first, int total)
    {
        whole ??= torch.empty([total, .. part.shape[1..]], part.dtype);
        using var rows = whole.narrow(0, first, part.shape[0]);
        rows.copy_(part);
    }

    private static SafeTensorsContent? TryLoadPart(string path, string codecId, string source, int first, int count, int contextFrames)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var content = SafeTensorsFile.Load(path);
            var m = content.Metadata;
            if (m.GetValueOrDefault("codec") == codecId && m.GetValueOrDefault("first") == Str(first) &&
                m.GetValueOrDefault("count") == Str(count) && m.GetValueOrDefault("context_frames") == Str(contextFrames) &&
                (m.GetValueOrDefault("source") ?? "") == source)
                return content;
            content.Dispose();
        }
        catch (TesseraError) { }   // a damaged part is simply made again
        return null;
    }

    /// <summary>The part's clips, read and decoded in parallel.</summary>
    private static ClipSample[] ReadPart(IClipSource dataset, int first, int count, CancellationToken cancellationToken)
    {
        var samples = new ClipSample[count];
        // Reading and decoding clips is the slow part next to a GPU encoder: do it in parallel, a part at a time.
        // One decode per core: each is an ffmpeg child the thread waits on, so an unbounded loop lets the thread
        // pool grow to dozens of ffmpegs that starve each other past their deadlines.
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        try { Parallel.For(0, count, parallel, i => samples[i] = dataset.Get(first + i)); }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault() is TesseraError error) { throw error; }
        return samples;
    }

    /// <summary>The first <paramref name="contextFrames"/> frames with the last one held up to whole latent frames.</summary>
    private static List<byte[]> HeldContext(IReadOnlyList<byte[]> frames, int contextFrames, int timeFactor)
    {
        var heldFrames = ConditionLayout.PixelFrames(ConditionLayout.ContextLatentFrames(contextFrames, timeFactor), timeFactor);
        return Enumerable.Range(0, heldFrames).Select(f => frames[Math.Min(f, contextFrames - 1)]).ToList();
    }

    /// <summary>The optional tensors a cache with these options holds beside the video, last-still and context latents.</summary>
    private static List<string> Extras(bool lossyContext, bool contextStills, bool contextPixels)
    {
        var names = new List<string>();
        if (lossyContext) names.Add(LossyContextTensor);
        if (contextStills) names.Add(ContextStillsTensor);
        if (lossyContext && contextStills) names.Add(LossyContextStillsTensor);
        if (contextPixels) names.Add(ContextPixelsTensor);
        if (lossyContext && contextPixels) names.Add(LossyContextPixelsTensor);
        return names;
    }

    /// <summary>The named optional tensors of a part's clips: held contexts after a 4:2:0 round trip (count, C, Tc, h, w),
    /// context stills (count, C, contextFrames, h, w) and context pixels (count, 3·s², contextFrames, h, w), each also from the
    /// 4:2:0 frames.</summary>
    private static Dictionary<string, Tensor> EncodeExtras(IClipSource dataset, IVideoLatentCodec codec, ClipSample[] samples, int contextFrames,
        int encodeBatch, CancellationToken cancellationToken, IReadOnlyCollection<string> names)
    {
        var result = new Dictionary<string, Tensor>();
        List<List<byte[]>>? lossyHeld = null;
        if (names.Contains(LossyContextTensor) || names.Contains(LossyContextStillsTensor) || names.Contains(LossyContextPixelsTensor))
        {
            var held = samples.Select(s => HeldContext(s.FramesRgb, contextFrames, codec.TimeFactor)).ToList();
            // One ffmpeg for the whole part: the held contexts one after another, cut apart again after the round trip.
            var lossy = ChromaSubsampling.RoundTrip420(held.SelectMany(h => h).ToList(), dataset.Width, dataset.Height);
            var perClip = held[0].Count;
            lossyHeld = Enumerable.Range(0, samples.Length).Select(i => lossy.GetRange(i * perClip, perClip)).ToList();
        }
        // Each clip's context frames as they are, and after the 4:2:0 round trip: the stills and pixels are made from them.
        var clean = samples.Select(s => s.FramesRgb.Take(contextFrames).ToList()).ToList();
        var lossyFrames = lossyHeld?.Select(h => h.Take(contextFrames).ToList()).ToList();
        if (names.Contains(LossyContextTensor))
            result[LossyContextTensor] = EncodeClips(codec, lossyHeld!, dataset.Width, dataset.Height, encodeBatch, cancellationToken);
        if (names.Contains(ContextStillsTensor))
            result[ContextStillsTensor] = EncodeStills(codec, clean, dataset.Width, dataset.Height, encodeBatch, cancellationToken);
        if (names.Contains(LossyContextStillsTensor))
            result[LossyContextStillsTensor] = EncodeStills(codec, lossyFrames!, dataset.Width, dataset.Height, encodeBatch, cancellationToken);
        if (names.Contains(ContextPixelsTensor))
            result[ContextPixelsTensor] = PackPixels(clean, dataset, codec.SpaceFactor);
        if (names.Contains(LossyContextPixelsTensor))
            result[LossyContextPixelsTensor] = PackPixels(lossyFrames!, dataset, codec.SpaceFactor);
        return result;
    }

    /// <summary>Each frame list's pixels on the latent grid: (count, 3·s², frames, h, w) bytes.</summary>
    private static Tensor PackPixels(List<List<byte[]>> frameLists, IClipSource dataset, int spaceFactor)
    {
        using var scope = torch.NewDisposeScope();
        return torch.stack(frameLists.Select(frames => ContextPixels.Pack(frames, dataset.Width, dataset.Height, spaceFactor)).ToList())
            .MoveToOuterDisposeScope();
    }

    /// <summary>Each frame list encoded as one clip: (count, C, T, h, w).</summary>
    private static Tensor EncodeClips(IVideoLatentCodec codec, List<List<byte[]>> clips, int width, int height, int encodeBatch,
        CancellationToken cancellationToken)
    {
        var latents = new List<Tensor>();
        try
        {
            for (var start = 0; start < clips.Count; start += encodeBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var n = Math.Min(encodeBatch, clips.Count - start);
                var batch = torch.stack(clips.GetRange(start, n).Select(frames => VideoTensors.FromFrames(frames, width, height)).ToList());
                latents.Add(codec.Encode(batch).MoveToOuterDisposeScope());
            }
            return torch.cat(latents);
        }
        finally
        {
            foreach (var t in latents) t.Dispose();
        }
    }

    /// <summary>Every frame of each list encoded alone as a still: (count, C, frames, h, w).</summary>
    private static Tensor EncodeStills(IVideoLatentCodec codec, List<List<byte[]>> frameLists, int width, int height, int encodeBatch,
        CancellationToken cancellationToken)
    {
        var perClip = frameLists[0].Count;
        // A still is a 1-frame clip, so the frames of several clips go through the encoder in one call.
        using var stills = EncodeClips(codec, frameLists.SelectMany(frames => frames.Select(f => new List<byte[]> { f })).ToList(),
            width, height, encodeBatch * perClip, cancellationToken);                                  // (count·frames, C, 1, h, w)
        var (c, h, w) = (stills.shape[1], stills.shape[3], stills.shape[4]);
        return stills.view(frameLists.Count, perClip, c, h, w).permute(0, 2, 1, 3, 4).contiguous();
    }

    /// <summary>Rewrites a cached part with the named optional tensors added, everything else as it was.</summary>
    private static void AddExtras(IClipSource dataset, IVideoLatentCodec codec, SafeTensorsContent content, string path, int first,
        int count, int contextFrames, int encodeBatch, CancellationToken cancellationToken, IReadOnlyCollection<string> missing)
    {
        using var _ = torch.no_grad();
        var added = EncodeExtras(dataset, codec, ReadPart(dataset, first, count, cancellationToken), contextFrames, encodeBatch,
            cancellationToken, missing);
        var tensors = new Dictionary<string, Tensor>(content.Tensors);
        foreach (var (name, tensor) in added) tensors[name] = tensor;
        SafeTensorsFile.Save(path, tensors, content.Metadata);
        foreach (var tensor in added.Values) tensor.Dispose();
    }

    private static void EncodePart(IClipSource dataset, IVideoLatentCodec codec, string codecId, string key, string path, int first, int count,
        int total, int contextFrames, int encodeBatch, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken, IReadOnlyCollection<string> extras)
    {
        var videos = new List<Tensor>();
        var lasts = new List<Tensor>();
        var contexts = new List<Tensor>();
        var captions = new List<IReadOnlyList<string>>();
        using var _ = torch.no_grad();
        var samples = ReadPart(dataset, first, count, cancellationToken);
        for (var start = 0; start < count; start += encodeBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(encodeBatch, count - start);
            var clips = new List<Tensor>();
            var held = new List<Tensor>();
            for (var i = 0; i < n; i++)
            {
                var sample = samples[start + i];
                var frames = sample.FramesRgb;
                clips.Add(VideoTensors.FromFrames(frames, dataset.Width, dataset.Height));
                held.Add(VideoTensors.FromFrames(HeldContext(frames, contextFrames, codec.TimeFactor), dataset.Width, dataset.Height));
                captions.Add(sample.Captions);
            }
            using var scope = torch.NewDisposeScope();
            var batch = torch.stack(clips);                                           // (n, 3, T, H, W)
            videos.Add(codec.Encode(batch).MoveToOuterDisposeScope());
            lasts.Add(codec.Encode(batch.narrow(2, batch.shape[2] - 1, 1)).MoveToOuterDisposeScope());
            contexts.Add(codec.Encode(torch.stack(held)).MoveToOuterDisposeScope());
            foreach (var t in clips.Concat(held)) t.Dispose();
            progress?.Report(new ProgressUpdate(first + start + n, total, "clips encoded"));
        }
        var tensors = new Dictionary<string, Tensor>
        {
            ["video"] = torch.cat(videos).contiguous(),
            ["last_still"] = torch.cat(lasts).contiguous(),
            ["context"] = torch.cat(contexts).contiguous(),
        };
        foreach (var (name, tensor) in EncodeExtras(dataset, codec, samples, contextFrames, encodeBatch, cancellationToken, extras)) tensors[name] = tensor;
        var metadata = new Dictionary<string, string>
        {
            ["codec"] = codecId, ["first"] = Str(first), ["count"] = Str(count), ["context_frames"] = Str(contextFrames),
            ["captions"] = JsonSerializer.Serialize(captions), ["source"] = key,
        };
        SafeTensorsFile.Save(path, tensors, metadata);
        foreach (var t in tensors.Values.Concat(videos).Concat(lasts).Concat(contexts)) t.Dispose();
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
