using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tessera.Edit;

/// <summary>
/// Fills a template: the timeline declares named placeholders (with optional defaults) under
/// "placeholders", uses them as {{name}} inside any string, and the CLI (--set name=value) or the
/// API supplies the values. A string that is exactly "{{name}}" may fill a number field too.
/// </summary>
internal static partial class TemplateFiller
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}")]
    private static partial Regex Reference();

    public static void Fill(JsonObject root, IReadOnlyDictionary<string, string>? set, ProblemList problems)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (root["placeholders"] is { } decl)
        {
            if (decl is not JsonObject obj) problems.Add("$.placeholders", "must be an object of name → default value (or {\"default\": ..., \"description\": ...})");
            else
                foreach (var (name, node) in obj)
                {
                    declared.Add(name);
                    var path = $"$.placeholders.{name}";
                    switch (node)
                    {
                        case null: break;
                        case JsonValue v: values[name] = v.ToString(); break;
                        case JsonObject o:
                            foreach (var (k, _) in o)
                                if (k is not ("default" or "description"))
                                    problems.Add($"{path}.{k}", "unknown field (a placeholder has \"default\" and \"description\")");
                            if (o["default"] is JsonValue dv) values[name] = dv.ToString();
                            break;
                        default: problems.Add(path, "must be a default value or {\"default\": ..., \"description\": ...}"); break;
                    }
                }
        }
        foreach (var (name, value) in set ?? new Dictionary<string, string>())
        {
            if (!declared.Contains(name))
            {
                var hint = JsonObjectReader.Suggest(name, declared);
                problems.Add($"--set {name}", $"the timeline has no placeholder \"{name}\"" +
                    (hint is not null ? $"; did you mean \"{hint}\"?" : declared.Count > 0 ? $" (it has: {string.Join(", ", declared)})" : " (it declares none)"));
                continue;
            }
            values[name] = value;
        }
        root.Remove("placeholders");
        Walk(root, "$", values, declared, problems);
    }

    private static void Walk(JsonNode node, string path, Dictionary<string, string> values, HashSet<string> declared, ProblemList problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (k, child) in obj.ToList())
                {
                    if (child is null) continue;
                    if (child is JsonValue v && v.TryGetValue<string>(out var s) && s.Contains("{{", StringComparison.Ordinal))
                        obj[k] = Substitute(s, $"{path}.{k}", values, declared, problems);
                    else Walk(child, $"{path}.{k}", values, declared, problems);
                }
                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    var child = arr[i];
                    if (child is null) continue;
                    if (child is JsonValue v && v.TryGetValue<string>(out var s) && s.Contains("{{", StringComparison.Ordinal))
                        arr[i] = Substitute(s, $"{path}[{i}]", values, declared, problems);
                    else Walk(child, $"{path}[{i}]", values, declared, problems);
                }
                break;
        }
    }

    private static string Substitute(string s, string path, Dictionary<string, string> values, HashSet<string> declared, ProblemList problems) =>
        Reference().Replace(s, m =>
        {
            var name = m.Groups[1].Value;
            if (values.TryGetValue(name, out var v)) return v;
            problems.Add(path, declared.Contains(name)
                ? $"placeholder \"{name}\" has no value; pass --set {name}=VALUE or give it a default"
                : $"placeholder \"{name}\" is not declared under \"placeholders\"");
            return m.Value;
        });
}
