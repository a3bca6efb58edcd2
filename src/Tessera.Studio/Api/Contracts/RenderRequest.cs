using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Studio.Jobs;
using Tessera.Studio.Storage;

namespace Tessera.Studio.Api.Contracts;

/// <summary>POST /api/v1/renders: the editor's timeline; files are named as "asset:ID" strings.</summary>
public sealed class RenderRequest
{
    /// <summary>The timeline, in the editor's format (docs/TIMELINE.md); asset references as "asset:ID".</summary>
    public JsonElement? Timeline { get; init; }
    /// <summary>Also burn a visible "AI生成" label into the picture.</summary>
    public bool? Label { get; init; }

    /// <summary>Checks the timeline is an object and every asset it names is stored; the editor validates the rest.</summary>
    public async Task<(RenderSpec? Spec, List<string> Problems)> ValidateAsync(Func<string, Task<string?>> assetKind)
    {
        var problems = new List<string>();
        if (Timeline is not { ValueKind: JsonValueKind.Object } timeline)
        {
            problems.Add("timeline: required, a JSON object in the editor's timeline format");
            return (null, problems);
        }
        var ids = new List<string>();
        foreach (var (path, text) in Strings(JsonNode.Parse(timeline.GetRawText())!, "$.timeline"))
        {
            if (!AssetReference.LooksLikeOne(text)) continue;
            if (!AssetReference.TryParse(text, out var id)) problems.Add($"{path}: '{text[..Math.Min(text.Length, 80)]}' is not asset:ID with a 64-hex-digit id");
            else if (await assetKind(id) is null) problems.Add($"{path}: no asset {id}; upload it first");
            else ids.Add(id);
        }
        return problems.Count > 0 ? (null, problems) : (new RenderSpec(timeline.GetRawText(), ids.Distinct().ToList(), Label ?? false), problems);
    }

    private static IEnumerable<(string Path, string Text)> Strings(JsonNode node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Strings(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => item is null ? [] : Strings(item, $"{path}[{i}]")),
        JsonValue v when v.TryGetValue<string>(out var s) => [(path, s)],
        _ => [],
    };
}
