using Tessera.Engine.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Training;

/// <summary>
/// Picks each step's crops as a pure function of (seed, step): clips are visited in a fresh shuffled order
/// every epoch, crops sit at random places and times. A resumed run therefore sees exactly the batches an
/// uninterrupted run would have seen, with no sampler state to save beyond the step.
/// </summary>
public sealed class VaeBatchSampler(DecodedClipCache clips, int batchSize, int cropFrames, int cropSize, int seed)
{
    private int _permutationEpoch = -1;
    private int[] _permutation = [];

    /// <summary>How many samples the run has consumed before <paramref name="step"/> (the data position).</summary>
    public long PositionAt(long step) => step * batchSize;

    /// <summary>(B, 3, T, S, S) floats in [−1, 1] for this step.</summary>
    public Tensor Batch(long step)
    {
        var ds = clips.Dataset;
        if (cropFrames > ds.Frames || cropSize > Math.Min(ds.Width, ds.Height))
            throw new Tessera.Media.TesseraError($"crops of {cropFrames} frames × {cropSize} px do not fit {ds.Directory}'s {ds.Frames}-frame {ds.Width}x{ds.Height} clips");
        var data = new float[batchSize * 3 * cropFrames * cropSize * cropSize];
        var rng = new Random(StableSeed(seed, step, 0x5eed));
        for (var i = 0; i < batchSize; i++)
        {
            var index = ClipAt(PositionAt(step) + i);
            var frames = clips.Frames(index);
            var t0 = rng.Next(ds.Frames - cropFrames + 1);
            var x0 = rng.Next(ds.Width - cropSize + 1);
            var y0 = rng.Next(ds.Height - cropSize + 1);
            var flip = rng.Next(2) == 1;
            Fill(data.AsSpan(i * 3 * cropFrames * cropSize * cropSize), frames, ds.Width, t0, x0, y0, flip);
        }
        return torch.tensor(data, [batchSize, 3, cropFrames, cropSize, cropSize]);
    }

    private void Fill(Span<float> dst, byte[][] frames, int width, int t0, int x0, int y0, bool flip)
    {
        var plane = cropFrames * cropSize * cropSize;
        for (var t = 0; t < cropFrames; t++)
        {
            var frame = frames[t0 + t];
            for (var y = 0; y < cropSize; y++)
            for (var x = 0; x < cropSize; x++)
            {
                var sx = x0 + (flip ? cropSize - 1 - x : x);
                var src = ((y0 + y) * width + sx) * 3;
                var o = (t * cropSize + y) * cropSize + x;
                for (var c = 0; c < 3; c++) dst[c * plane + o] = frame[src + c] / 127.5f - 1f;
            }
        }
    }

    private int ClipAt(long position)
    {
        var epoch = (int)(position / clips.Count);
        if (epoch != _permutationEpoch)
        {
            _permutation = Enumerable.Range(0, clips.Count).ToArray();
            new Random(StableSeed(seed, epoch, 0xe90c)).Shuffle(_permutation);
            _permutationEpoch = epoch;
        }
        return _permutation[(int)(position % clips.Count)];
    }

    /// <summary>A seed that is the same in every process (HashCode.Combine is randomised per process, which would break resume).</summary>
    public static int StableSeed(long a, long b, long salt)
    {
        var z = unchecked((ulong)a * 0x9E3779B97F4A7C15UL ^ (ulong)b * 0xBF58476D1CE4E5B9UL ^ (ulong)salt * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
