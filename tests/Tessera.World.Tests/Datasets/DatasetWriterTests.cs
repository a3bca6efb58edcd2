using System.Text.Json;
using Tessera.Media;
using Tessera.World.Captions;
using Tessera.World.Datasets;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;

namespace Tessera.World.Tests.Datasets;

public sealed class DatasetWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tessera-world-ds-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private DatasetRequest Request(string name, int count) =>
        new(ScenarioKind.Free, new SceneFormat(32, 32, 8, 8), count, Path.Combine(_root, name), Seed: 5, ShardSize: 4);

    private static List<string> Lines(string dir) =>
        Directory.GetDirectories(dir, "shard-*").Order(StringComparer.Ordinal)
            .SelectMany(s => File.ReadAllLines(Path.Combine(s, DatasetWriter.IndexFile))).ToList();

    [Fact]
    public void Writes_shards_of_videos_truth_and_captions_per_the_contract()
    {
        var r = Request("a", 6);
        DatasetWriter.Write(r);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(r.OutputDir, "dataset.json"))).RootElement;
        Assert.Equal("tessera-dataset/1", manifest.GetProperty("format").GetString());
        Assert.Equal(6, manifest.GetProperty("count").GetInt32());
        Assert.Equal(4, manifest.GetProperty("shardSize").GetInt32());
        Assert.Equal(4, File.ReadAllLines(Path.Combine(r.OutputDir, "shard-00000", "index.jsonl")).Length);
        var lines = Lines(r.OutputDir);
        Assert.Equal(6, lines.Count);
        var last = JsonDocument.Parse(lines[5]).RootElement;
        Assert.Equal("000005", last.GetProperty("id").GetString());
        Assert.True(last.GetProperty("captions").GetArrayLength() >= 6);
        Assert.False(string.IsNullOrEmpty(last.GetProperty("caption_zh").GetString()));
        var video = Path.Combine(r.OutputDir, "shard-00001", last.GetProperty("video").GetString()!);
        var frames = FrameReader.ReadAll(video, null, out var w, out var h, out _);
        Assert.Equal((32, 32, 8), (w, h, frames.Count));
        Assert.True(File.Exists(Path.Combine(r.OutputDir, "shard-00001", last.GetProperty("truth").GetString()!)));
    }

    [Fact]
    public void A_killed_run_resumes_to_the_same_data_set()
    {
        var whole = Request("whole", 7);
        DatasetWriter.Write(whole);

        // Simulate a kill: five finished lines, then half of the sixth, and a leftover temp folder.
        var cut = Request("cut", 5);
        DatasetWriter.Write(cut);
        var index = Path.Combine(cut.OutputDir, "shard-00001", DatasetWriter.IndexFile);
        File.AppendAllText(index, "{\"id\":\"000005\",\"vid");
        Directory.CreateDirectory(Path.Combine(cut.OutputDir, "shard-00001", ".batch-tmp-1-x"));
        var result = DatasetWriter.Write(cut with { Count = 7 });

        Assert.Equal((2, 5), (result.Written, result.AlreadyDone));
        Assert.Equal(Lines(whole.OutputDir), Lines(cut.OutputDir));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.OutputDir, "shard-00001", "000006.json")),
                     File.ReadAllBytes(Path.Combine(cut.OutputDir, "shard-00001", "000006.json")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(cut.OutputDir, "shard-00001"), ".batch-tmp-*"));
    }

    [Fact]
    public void A_folder_holding_another_data_set_is_refused()
    {
        var r = Request("c", 2);
        DatasetWriter.Write(r);
        var e = Assert.Throws<TesseraError>(() => DatasetWriter.Write(r with { Format = new SceneFormat(64, 64, 8, 8) }));
        Assert.Contains("different data set", e.Message);
        // An any-start data set is another recipe too, and says so in its manifest.
        e = Assert.Throws<TesseraError>(() => DatasetWriter.Write(r with { AnyStart = true }));
        Assert.Contains("any start", e.Message);
        var anyStart = Request("d", 2) with { AnyStart = true };
        DatasetWriter.Write(anyStart);
        Assert.True(DatasetManifest.TryRead(anyStart.OutputDir)!.AnyStart);
        Assert.False(DatasetManifest.TryRead(r.OutputDir)!.AnyStart);
    }

    [Fact]
    public void Any_start_is_refused_for_PhyWorld_scenarios()
    {
        var e = Assert.Throws<TesseraError>(() => DatasetWriter.Write(Request("e", 2) with { Scenario = ScenarioKind.Uniform, AnyStart = true }));
        Assert.Contains("--any-start", e.Message);
        e = Assert.Throws<TesseraError>(() => DatasetWriter.Write(Request("f", 2) with { Scenario = ScenarioKind.Uniform, Mix = FreeSceneMix.LoneMover }));
        Assert.Contains("--lone-mover", e.Message);
        e = Assert.Throws<TesseraError>(() => DatasetWriter.Write(Request("f2", 2) with { Scenario = ScenarioKind.Collision, Mix = FreeSceneMix.TwoMovers }));
        Assert.Contains("--two-movers", e.Message);
    }

    [Fact]
    public void A_data_set_written_before_the_mix_field_resumes_as_its_own_mix_and_is_rewritten_with_it()
    {
        // Session 10's folders say "twoMovers": true; a rerun with --two-movers must resume them, not call them different.
        var pairs = Request("legacy", 6) with { Mix = FreeSceneMix.TwoMovers };
        DatasetWriter.Write(pairs with { Count = 4 });
        var path = Path.Combine(pairs.OutputDir, DatasetManifest.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"mix\": \"two-movers\"", "\"twoMovers\": true"));
        Assert.Equal(FreeSceneMix.TwoMovers, DatasetManifest.TryRead(pairs.OutputDir)!.Mix);
        Assert.Throws<TesseraError>(() => DatasetWriter.Write(pairs with { Mix = FreeSceneMix.MoverAndStill }));

        DatasetWriter.Write(pairs);
        Assert.Equal(6, Lines(pairs.OutputDir).Count);
        var manifest = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal("two-movers", manifest.GetProperty("mix").GetString());
        Assert.False(manifest.TryGetProperty("twoMovers", out _));
    }

    [Fact]
    public void An_unknown_mix_in_a_manifest_is_refused_with_the_names_it_may_take()
    {
        var r = Request("unknown-mix", 2);
        DatasetWriter.Write(r);
        var path = Path.Combine(r.OutputDir, DatasetManifest.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"format\"", "\"mix\": \"three-movers\", \"format\""));
        var e = Assert.Throws<TesseraError>(() => DatasetManifest.TryRead(r.OutputDir));
        Assert.Contains("three-movers", e.Message);
        Assert.Contains("mover-and-still", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_lone_mover_data_set_is_its_own_recipe_and_says_so_in_its_manifest()
    {
        var mixed = Request("g", 2);
        DatasetWriter.Write(mixed);
        var e = Assert.Throws<TesseraError>(() => DatasetWriter.Write(mixed with { Mix = FreeSceneMix.LoneMover }));
        Assert.Contains("lone movers", e.Message);
        var lone = Request("h", 2) with { Mix = FreeSceneMix.LoneMover };
        DatasetWriter.Write(lone);
        Assert.Equal(FreeSceneMix.LoneMover, DatasetManifest.TryRead(lone.OutputDir)!.Mix);
        Assert.Equal(FreeSceneMix.Mixed, DatasetManifest.TryRead(mixed.OutputDir)!.Mix);
        e = Assert.Throws<TesseraError>(() => DatasetWriter.Write(lone with { Mix = FreeSceneMix.TwoMovers }));
        Assert.Contains("two movers", e.Message);
        var pairs = Request("i", 2) with { Mix = FreeSceneMix.TwoMovers };
        DatasetWriter.Write(pairs);
        Assert.Equal(FreeSceneMix.TwoMovers, DatasetManifest.TryRead(pairs.OutputDir)!.Mix);
        Assert.All(Lines(pairs.OutputDir), line =>
            Assert.Equal(2, PromptParser.Parse(JsonDocument.Parse(line).RootElement.GetProperty("caption_en").GetString()!).Objects.Count));
        e = Assert.Throws<TesseraError>(() => DatasetWriter.Write(pairs with { Mix = FreeSceneMix.MoverAndStill }));
        Assert.Contains("a mover and a still object", e.Message);
        var contrast = Request("j", 2) with { Mix = FreeSceneMix.MoverAndStill };
        DatasetWriter.Write(contrast);
        Assert.Equal(FreeSceneMix.MoverAndStill, DatasetManifest.TryRead(contrast.OutputDir)!.Mix);
        Assert.All(Lines(contrast.OutputDir), line => Assert.Single(
            PromptParser.Parse(JsonDocument.Parse(line).RootElement.GetProperty("caption_en").GetString()!).Objects, o => o.Motion == MotionKind.Still));
    }
}
