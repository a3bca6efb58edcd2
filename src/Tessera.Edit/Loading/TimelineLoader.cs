using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Loads a timeline from Tessera's JSON format or from an editly JSON/JSON5 spec (told apart by its
/// "clips" array), fills template placeholders, and checks everything that can be checked without
/// rendering. Every problem found is reported at once, each with its JSON path.
/// </summary>
public static class TimelineLoader
{
    /// <summary>Refuse files no timeline could need to be: a guard against pointing at a video by mistake.</summary>
    private const long MaxFileBytes = 16 * 1024 * 1024;

    public static Timeline Load(string path, IReadOnlyDictionary<string, string>? set = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new TesseraError("no timeline file was given");
        if (Directory.Exists(path)) throw new TesseraError($"{path}: is a folder; give a timeline .json or an editly .json5 file");
        if (!File.Exists(path)) throw new TesseraError($"{path}: file not found");
        if (new FileInfo(path).Length > MaxFileBytes) throw new TesseraError($"{path}: is larger than 16 MiB; is it really a timeline?");
        return Parse(File.ReadAllText(path), path, set);
    }

    /// <param name="sourceName">The file name (relative media paths resolve against its folder) or a label.</param>
    public static Timeline Parse(string json, string sourceName, IReadOnlyDictionary<string, string>? set = null)
    {
        var baseDirectory = BaseDirectoryOf(sourceName);
        // JSON5 is a superset of JSON, so one reader serves both formats and gives line:column errors.
        var plain = Json5Reader.ToJson(json, sourceName);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(plain);
        }
        catch (JsonException e)
        {
            throw new TesseraError($"{sourceName}: not valid JSON ({e.Message})");
        }
        if (node is not JsonObject root) throw new TesseraError($"{sourceName}: the top level must be an object");

        var problems = new ProblemList();
        TemplateFiller.Fill(root, set, problems);
        using var doc = JsonDocument.Parse(root.ToJsonString());
        var isEditly = root.ContainsKey("clips") && !root.ContainsKey("tracks");
        var timeline = isEditly
            ? new EditlySpecMapper(sourceName, baseDirectory, problems).Map(doc.RootElement)
            : new TimelineParser(sourceName, baseDirectory, problems).Parse(doc.RootElement);
        problems.ThrowIfAny(sourceName);
        return timeline;
    }

    private static string BaseDirectoryOf(string sourceName)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(sourceName));
            if (dir is not null && Directory.Exists(dir)) return dir;
        }
        catch (ArgumentException) { }
        catch (NotSupportedException) { }
        return Directory.GetCurrentDirectory();
    }
}
