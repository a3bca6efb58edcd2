using System.Text.Json;
using Tessera.Media;

namespace Tessera.Engine.Data;

/// <summary>
/// A data set folder (contracts §1): dataset.json, then shard-NNNNN/index.jsonl listing finished samples
/// (an MP4, an optional truth JSON, captions). Samples are decoded on demand, one at a time, so memory
/// stays small however large the set; a half-written last index line (a killed writer) is ignored.
/// A sample's video is an MP4 (decoded with ffmpeg) or, for machines without ffmpeg, a raw RGB24 file
/// (<c>.rgb</c>: frames × height × width × 3 bytes at the data set's size, as <c>world dataset --format raw</c> writes).
/// </summary>
public sealed class ClipDataset : IClipSource
{
    public const string ManifestName = "dataset.json";
    public const string Format = "tessera-dataset/1";

    private readonly List<Entry> _entries;

    public string Directory { get; }
    public int Count => _entries.Count;
    public int Width { get; }
    public int Height { get; }
    public int Frames { get; }
    public double Fps { get; }
    public string Scenario { get; }
    /// <summary>"clips:" and a short hash of the part's clips (<see cref="ClipPartKey"/>).</summary>
    public string PartKey(int first, int count) =>
        ClipPartKey.Of("clips", Enumerable.Range(first, count).Select(i => (IdAt(i), CaptionsAt(i))));

    private sealed record Entry(string Id, string VideoPath, string? TruthPath, IReadOnlyList<string> Captions);

    private ClipDataset(string dir, DatasetManifest manifest, List<Entry> entries)
    {
        Directory = dir;
        Width = manifest.Width;
        Height = manifest.Height;
        Frames = manifest.Frames;
        Fps = manifest.Fps;
        Scenario = manifest.Scenario;
        _entries = entries;
    }

    public static ClipDataset Open(string dir)
    {
        dir = Path.GetFullPath(dir);
        if (!System.IO.Directory.Exists(dir))
            throw new TesseraError($"data set folder not found: {dir}; make one with `tessera world dataset --out {dir}`");
        var manifest = DatasetManifest.Read(Path.Combine(dir, ManifestName));
        var entries = new List<Entry>();
        foreach (var shard in System.IO.Directory.GetDirectories(dir, "shard-*").Order(StringComparer.Ordinal))
        {
            var index = Path.Combine(shard, "index.jsonl");
            if (!File.Exists(index)) continue;
            ReadIndex(index, shard, entries);
        }
        if (entries.Count == 0)
            throw new TesseraError($"data set {dir} holds no samples (no lines in any shard-*/index.jsonl); generate some first");
        return new ClipDataset(dir, manifest, entries);
    }

    private static void ReadIndex(string index, string shard, List<Entry> entries)
    {
        var lines = File.ReadAllLines(index);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                // A writer killed mid-line leaves a partial last line: the valid prefix is the data set.
                if (i == lines.Length - 1) break;
                throw new TesseraError($"{index}:{i + 1}: not a JSON object ({e.Message}); fix or delete that line", 2, e);
            }
            using (doc)
            {
                var root = doc.RootElement;
                var id = OptionalString(root, "id") ?? throw new TesseraError($"{index}:{i + 1}: missing \"id\"");
                var video = OptionalString(root, "video") ?? throw new TesseraError($"{index}:{i + 1}: missing \"video\"");
                var truth = OptionalString(root, "truth");
                var captions = new List<string>();
                if (root.TryGetProperty("captions", out var arr) && arr.ValueKind == JsonValueKind.Array)
                    captions.AddRange(arr.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!));
                foreach (var key in new[] { "caption_en", "caption_zh" })
                    if (OptionalString(root, key) is { } c && !captions.Contains(c)) captions.Add(c);
                entries.Add(new Entry(id, Path.Combine(shard, video), truth is null ? null : Path.Combine(shard, truth), captions));
            }
        }
    }

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The sample's id without decoding its video.</summary>
    public string IdAt(int index) => EntryAt(index).Id;

    /// <summary>The sample's captions without decoding its video.</summary>
    public IReadOnlyList<string> CaptionsAt(int index) => EntryAt(index).Captions;

    /// <summary>Decodes the sample's video at the data set's size (frames beyond the data set's count are dropped).</summary>
    public ClipSample Get(int index)
    {
        var e = EntryAt(index);
        if (!File.Exists(e.VideoPath))
            throw new TesseraError($"data set {Directory}: sample {e.Id} lists {e.VideoPath}, which does not exist");
        if (e.VideoPath.EndsWith(RawExtension, StringComparison.OrdinalIgnoreCase))
            return new ClipSample(e.Id, ReadRaw(e), e.Captions, e.TruthPath);
        var frames = FrameReader.ReadAll(e.VideoPath, new FrameReadOptions(MaxFrames: Frames, Width: Width, Height: Height), out _, out _, out _);
        return new ClipSample(e.Id, frames.ToArray(), e.Captions, e.TruthPath);
    }

    /// <summary>File extension of raw RGB24 clips.</summary>
    public const string RawExtension = ".rgb";

    private byte[][] ReadRaw(Entry e)
    {
        var frameBytes = Width * Height * 3;
        var bytes = File.ReadAllBytes(e.VideoPath);
        if (bytes.Length == 0 || bytes.Length % frameBytes != 0)
            throw new TesseraError($"data set {Directory}: {e.VideoPath} holds {bytes.Length} bytes, not whole {Width}x{Height} RGB24 frames " +
                                   $"({frameBytes} bytes each); the file is truncated or from another data set — delete the sample's index line and regenerate");
        var count = Math.Min(bytes.Length / frameBytes, Frames);
        var frames = new byte[count][];
        for (var f = 0; f < count; f++) frames[f] = bytes.AsSpan(f * frameBytes, frameBytes).ToArray();
        return frames;
    }

    private Entry EntryAt(int index) =>
        (uint)index < (uint)_entries.Count
            ? _entries[index]
            : throw new ArgumentOutOfRangeException(nameof(index), $"sample {index} is outside 0..{_entries.Count - 1}");
}
