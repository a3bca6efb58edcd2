using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Media;
using Tessera.World.Scenarios;

namespace Tessera.World.Datasets;

/// <summary>DIR/dataset.json: what a data set folder holds (contract "tessera-dataset/1", shared with the trainer).</summary>
public sealed record DatasetManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("fps")] double Fps,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("shardSize")] int ShardSize,
    [property: JsonPropertyName("ood")] bool OutOfDistribution = false,
    [property: JsonPropertyName("video"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Video = null,
    [property: JsonPropertyName("anyStart"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AnyStart = false,
    [property: JsonPropertyName("mix"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MixName = null,
    // Data sets written before "mix" existed said it with one flag per mix: read, never written (MixName says it now).
    [property: JsonPropertyName("loneMover"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool LegacyLoneMover = false,
    [property: JsonPropertyName("twoMovers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool LegacyTwoMovers = false,
    [property: JsonPropertyName("moverAndStill"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool LegacyMoverAndStill = false)
{
    /// <summary>"video" value of a data set whose clips are raw RGB24 files (.rgb); absent means MP4.</summary>
    public const string RawVideo = "rgb24";

    public const string FormatName = "tessera-dataset/1";
    public const string FileName = "dataset.json";

    /// <summary>Which free scenes the clips are; absent "mix" (and no legacy flag) is the world's own mix.</summary>
    [JsonIgnore]
    public FreeSceneMix Mix =>
        MixName is not null ? FreeSceneMixNames.Parse(MixName)
        : LegacyLoneMover ? FreeSceneMix.LoneMover
        : LegacyTwoMovers ? FreeSceneMix.TwoMovers
        : LegacyMoverAndStill ? FreeSceneMix.MoverAndStill
        : FreeSceneMix.Mixed;

    /// <summary>A manifest for clips of <paramref name="mix"/>: the standard mix writes no "mix" field, as before it existed.</summary>
    public DatasetManifest WithMix(FreeSceneMix mix) =>
        this with { MixName = mix == FreeSceneMix.Mixed ? null : mix.Name(), LegacyLoneMover = false, LegacyTwoMovers = false, LegacyMoverAndStill = false };

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public void Write(string dir) => AtomicFile.WriteAllText(Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Options) + "\n");

    public static DatasetManifest? TryRead(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var m = JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path));
            if (m is null || m.Format != FormatName) throw new TesseraError($"{path}: not a Tessera data set (expected \"format\": \"{FormatName}\")");
            if (m.MixName is not null && !FreeSceneMixNames.TryParse(m.MixName, out _))
                throw new TesseraError($"{path}: \"mix\" is '{m.MixName}'; expected one of {string.Join(", ", FreeSceneMixNames.All)}, or no \"mix\" for the world's own mix");
            return m;
        }
        catch (JsonException e)
        {
            throw new TesseraError($"{path}: not valid JSON ({e.Message}); remove it or choose another --out folder");
        }
    }

    /// <summary>The same data set, whatever its count (a resumed or extended run may change the count).</summary>
    public bool SameRecipe(DatasetManifest other) =>
        Scenario == other.Scenario && Width == other.Width && Height == other.Height && Frames == other.Frames
        && Fps.Equals(other.Fps) && Seed == other.Seed && ShardSize == other.ShardSize && OutOfDistribution == other.OutOfDistribution
        && Video == other.Video && AnyStart == other.AnyStart && Mix == other.Mix;

    public string Describe() =>
        FormattableString.Invariant($"scenario {Scenario}, {Width}x{Height}, {Frames} frames at {Fps} fps, seed {Seed}, shard size {ShardSize}{(OutOfDistribution ? ", ood" : "")}{(AnyStart ? ", any start" : "")}{(Mix == FreeSceneMix.Mixed ? "" : ", " + Mix.Describe())}");
}

/// <summary>One line of a shard's index.jsonl: a finished sample (paths relative to the shard folder).</summary>
public sealed record DatasetEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("video")] string Video,
    [property: JsonPropertyName("truth")] string Truth,
    [property: JsonPropertyName("caption_en")] string CaptionEn,
    [property: JsonPropertyName("caption_zh")] string CaptionZh,
    [property: JsonPropertyName("captions")] IReadOnlyList<string> Captions);
