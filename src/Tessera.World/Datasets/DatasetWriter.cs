using System.Text;
using System.Text.Json;
using Tessera.Media;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;

namespace Tessera.World.Datasets;

/// <summary>What to generate: a scenario, a format, how many samples, from which seed, into which folder.</summary>
public sealed record DatasetRequest(
    ScenarioKind Scenario,
    SceneFormat Format,
    int Count,
    string OutputDir,
    long Seed = 0,
    int ShardSize = 256,
    bool OutOfDistribution = false,
    int Crf = 10,
    int Workers = 0,
    ClipFileFormat ClipFormat = ClipFileFormat.Mp4,
    bool AnyStart = false,
    FreeSceneMix Mix = FreeSceneMix.Mixed);

/// <summary>How each clip's frames are stored: an H.264 MP4 (ffmpeg), or raw RGB24 bytes (no ffmpeg needed to write or read).</summary>
public enum ClipFileFormat { Mp4, Raw }

/// <summary>How a run went: samples written now, samples found already finished, wall time.</summary>
public sealed record DatasetResult(int Written, int AlreadyDone, double Seconds)
{
    public double VideosPerSecond => Seconds > 0 ? Written / Seconds : 0;
}

/// <summary>
/// Writes a world data set in shards a trainer can stream (contract tessera-dataset/1). Each sample's video
/// and truth are written atomically, and only then is its line appended to the shard's index.jsonl with one
/// write, in sample order; a killed run leaves a valid prefix, and a rerun continues from the number of lines.
/// Sample i is drawn from (seed, i) alone, so a resumed data set is identical to an uninterrupted one.
/// </summary>
public static class DatasetWriter
{
    public const string IndexFile = "index.jsonl";
    public const int MaxCount = 10_000_000;

    private static readonly JsonSerializerOptions LineOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ShardName(int shard) => $"shard-{shard:D5}";
    public static string SampleId(int index) => index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The seed of sample <paramref name="index"/>: a hash of the data set seed and the index.</summary>
    public static long SampleSeed(long datasetSeed, int index)
    {
        var z = (ulong)datasetSeed * 0x9E3779B97F4A7C15UL + (ulong)index + 1;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFF_FFFF_FFFF_FFFFUL);
    }

    public static DatasetResult Write(DatasetRequest request, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var dir = Path.GetFullPath(request.OutputDir);
        Directory.CreateDirectory(dir);
        var manifest = new DatasetManifest(DatasetManifest.FormatName, request.Scenario.Name(), request.Format.Width, request.Format.Height,
            request.Format.Frames, request.Format.Fps, request.Count, request.Seed, request.ShardSize, request.OutOfDistribution,
            request.ClipFormat == ClipFileFormat.Raw ? DatasetManifest.RawVideo : null, request.AnyStart).WithMix(request.Mix);
        var existing = DatasetManifest.TryRead(dir);
        if (existing is not null && !existing.SameRecipe(manifest))
            throw new TesseraError($"{dir} already holds a different data set ({existing.Describe()}); " +
                                   $"this run asks for {manifest.Describe()}. Use another --out folder, or the same options to resume");
        var done = CountFinished(dir, request.ShardSize);
        manifest.Write(dir);
        if (done >= request.Count)
        {
            progress?.Report(new ProgressUpdate(request.Count, request.Count));
            return new DatasetResult(0, done, started.Elapsed.TotalSeconds);
        }

        var workers = request.Workers > 0 ? request.Workers : Math.Max(1, Environment.ProcessorCount);
        var batchSize = BatchSize(request.Format);
        var written = 0;
        progress?.Report(new ProgressUpdate(done, request.Count, done > 0 ? $"resuming after {done}" : null));
        var next = done;
        while (next < request.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One batch per worker, encoded in parallel, committed in order (the index must stay a prefix).
            // A batch never crosses a shard, so its clips share one folder.
            var batches = new List<int[]>();
            var cursor = next;
            while (batches.Count < workers && cursor < request.Count)
            {
                var shardEnd = (cursor / request.ShardSize + 1) * request.ShardSize;
                var n = Math.Min(batchSize, Math.Min(request.Count, shardEnd) - cursor);
                batches.Add(Enumerable.Range(cursor, n).ToArray());
                cursor += n;
            }
            var entries = new DatasetEntry[batches.Count][];
            Parallel.For(0, batches.Count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                b => entries[b] = WriteBatch(request, dir, batches[b]));
            for (var b = 0; b < batches.Count; b++)
            for (var k = 0; k < batches[b].Length; k++)
            {
                AppendLine(Path.Combine(dir, ShardName(batches[b][k] / request.ShardSize), IndexFile), entries[b][k]);
                written++;
            }
            next = cursor;
            progress?.Report(new ProgressUpdate(next, request.Count));
        }
        return new DatasetResult(written, done, started.Elapsed.TotalSeconds);
    }

    private static void Validate(DatasetRequest r)
    {
        r.Format.Validate();
        if (r.Count < 1 || r.Count > MaxCount) throw new TesseraError($"--count {r.Count} is out of range: use 1..{MaxCount}");
        if (r.ShardSize < 1 || r.ShardSize > 100_000) throw new TesseraError($"shard size {r.ShardSize} is out of range: use 1..100000");
        if (r.Crf is < 0 or > 51) throw new TesseraError($"crf {r.Crf} is out of range: use 0..51");
        if (string.IsNullOrWhiteSpace(r.OutputDir)) throw new TesseraError("--out needs a folder");
        if (File.Exists(r.OutputDir)) throw new TesseraError($"--out {r.OutputDir} is a file; give a folder");
        if (r.OutOfDistribution && r.Scenario == ScenarioKind.Free) throw new TesseraError("--ood applies to the PhyWorld scenarios (uniform, collision, parabola), not 'free'");
        if (r.AnyStart && r.Scenario != ScenarioKind.Free) throw new TesseraError("--any-start applies to the 'free' scenario, not the PhyWorld ones");
        if (r.Mix != FreeSceneMix.Mixed && r.Scenario != ScenarioKind.Free)
            throw new TesseraError($"--{r.Mix.Name()} applies to the 'free' scenario, not the PhyWorld ones");
    }

    /// <summary>Clips per ffmpeg process: about 32 MB of raw frames, at most 64 clips (a kill loses at most one batch).</summary>
    private static int BatchSize(SceneFormat f) =>
        (int)Math.Clamp(32L * 1024 * 1024 / ((long)f.Width * f.Height * 3 * f.Frames), 1, 64);

    private static DatasetEntry[] WriteBatch(DatasetRequest request, string dir, int[] indices)
    {
        var shardDir = Path.Combine(dir, ShardName(indices[0] / request.ShardSize));
        Directory.CreateDirectory(shardDir);
        var samples = indices.Select(i => WorldScenes.Sample(request.Scenario, SampleSeed(request.Seed, i), request.Format, request.OutOfDistribution, request.AnyStart,
            request.Mix)).ToArray();
        var ids = indices.Select(SampleId).ToArray();
        var extension = request.ClipFormat == ClipFileFormat.Raw ? RawExtension : ".mp4";
        if (request.ClipFormat == ClipFileFormat.Raw)
            for (var k = 0; k < indices.Length; k++) WriteRawClip(Path.Combine(shardDir, ids[k] + extension), samples[k]);
        else
            new ClipBatchEncoder(request.Format, request.Crf).Encode(ids.Select(id => Path.Combine(shardDir, id + extension)).ToArray(), (k, emit) =>
            {
                using var renderer = new Rendering.SceneRenderer(samples[k].Scene);
                var buffer = new byte[renderer.FrameBytes];
                foreach (var frame in samples[k].Truth.FrameStates)
                {
                    renderer.Render(frame, buffer);
                    emit(buffer);
                }
            });
        var entries = new DatasetEntry[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            Truth.TruthJson.Write(Path.Combine(shardDir, ids[k] + ".json"), samples[k].Truth);
            var c = samples[k].Captions;
            entries[k] = new DatasetEntry(ids[k], ids[k] + extension, ids[k] + ".json", c.English, c.Chinese, c.All);
        }
        return entries;
    }

    /// <summary>Raw clips: frames × height × width × 3 bytes (RGB24, row-major), nothing else; the size is in dataset.json.</summary>
    public const string RawExtension = ".rgb";

    /// <summary>Renders every frame into one buffer and writes it atomically (no encoder: for machines without ffmpeg).</summary>
    private static void WriteRawClip(string path, WorldSample sample)
    {
        using var renderer = new Rendering.SceneRenderer(sample.Scene);
        var frames = sample.Truth.FrameStates;
        var bytes = new byte[(long)renderer.FrameBytes * frames.Count];
        for (var f = 0; f < frames.Count; f++)
            renderer.Render(frames[f], bytes.AsSpan(f * renderer.FrameBytes, renderer.FrameBytes));
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>One write per line, flushed to disk, so a kill can cut a line but never interleave two.</summary>
    private static void AppendLine(string indexPath, DatasetEntry entry)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, LineOptions) + "\n");
        using var stream = new FileStream(indexPath, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Counts finished samples: complete lines across shards, in order. A line cut by a kill is removed, and
    /// leftover temp files of unfinished samples are deleted; their samples are simply written again.
    /// </summary>
    public static int CountFinished(string dir, int shardSize)
    {
        var total = 0;
        for (var shard = 0; ; shard++)
        {
            var shardDir = Path.Combine(dir, ShardName(shard));
            if (!Directory.Exists(shardDir)) break;
            foreach (var tmp in Directory.EnumerateFiles(shardDir, ".*.tmp-*")) TryDelete(tmp);
            foreach (var tmp in Directory.EnumerateDirectories(shardDir, ".batch-tmp-*"))
                try { Directory.Delete(tmp, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            var index = Path.Combine(shardDir, IndexFile);
            var lines = File.Exists(index) ? CompleteLines(index) : 0;
            total += lines;
            if (lines < shardSize) break;
        }
        return total;
    }

    private static int CompleteLines(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var lastNewline = Array.LastIndexOf(bytes, (byte)'\n');
        if (lastNewline != bytes.Length - 1)
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
            f.SetLength(lastNewline + 1);
        }
        var count = 0;
        for (var i = 0; i <= lastNewline; i++) if (bytes[i] == '\n') count++;
        return count;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
