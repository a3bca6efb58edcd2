using System.Globalization;
using System.Text.Json;

namespace Tessera.Edit;

/// <summary>
/// Reads the fields of one JSON object strictly: each read names a field it knows, wrong types and
/// out-of-range values become problems with their JSON path, and <see cref="ReportUnknown"/> flags
/// every field nobody asked for (with a "did you mean" for typos).
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public string Path { get; }
    public ProblemList Problems { get; }
    public bool IsObject => _element.ValueKind == JsonValueKind.Object;

    public JsonObjectReader(JsonElement element, string path, ProblemList problems)
    {
        _element = element;
        Path = path;
        Problems = problems;
        if (element.ValueKind != JsonValueKind.Object) problems.Add(path, $"must be an object, not {Describe(element)}");
    }

    public string FieldPath(string name) => $"{Path}.{name}";

    public bool Has(string name)
    {
        _known.Add(name);
        return IsObject && _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;
    }

    public JsonElement? Raw(string name)
    {
        _known.Add(name);
        return IsObject && _element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
    }

    public string? String(string name, bool required = false)
    {
        var v = Raw(name);
        if (v is null)
        {
            if (required) Problems.Add(FieldPath(name), "required field is missing");
            return null;
        }
        if (v.Value.ValueKind != JsonValueKind.String)
        {
            Problems.Add(FieldPath(name), $"must be a string, not {Describe(v.Value)}");
            return null;
        }
        var s = v.Value.GetString()!;
        if (required && s.Length == 0) Problems.Add(FieldPath(name), "must not be empty");
        return s;
    }

    public double? Number(string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity,
        bool required = false, bool exclusiveMin = false)
    {
        var v = Raw(name);
        if (v is null)
        {
            if (required) Problems.Add(FieldPath(name), "required field is missing");
            return null;
        }
        double d;
        if (v.Value.ValueKind == JsonValueKind.Number) d = v.Value.GetDouble();
        // Template values arrive as strings; a number-shaped string is accepted for a number field.
        else if (v.Value.ValueKind == JsonValueKind.String &&
                 double.TryParse(v.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) d = parsed;
        else
        {
            Problems.Add(FieldPath(name), $"must be a number, not {Describe(v.Value)}");
            return null;
        }
        if (!double.IsFinite(d) || d < min || d > max || (exclusiveMin && d <= min))
        {
            var lower = exclusiveMin ? $"> {Fmt(min)}" : $"≥ {Fmt(min)}";
            var range = double.IsInfinity(max) ? lower : $"{lower} and ≤ {Fmt(max)}";
            Problems.Add(FieldPath(name), $"must be {range}, got {Fmt(d)}");
            return null;
        }
        return d;
    }

    public int? Integer(string name, int min = int.MinValue, int max = int.MaxValue, bool required = false)
    {
        var d = Number(name, min, max, required);
        if (d is null) return null;
        if (d.Value != Math.Floor(d.Value))
        {
            Problems.Add(FieldPath(name), $"must be a whole number, got {Fmt(d.Value)}");
            return null;
        }
        return (int)d.Value;
    }

    public bool? Bool(string name)
    {
        var v = Raw(name);
        if (v is null) return null;
        if (v.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.Value.GetBoolean();
        if (v.Value.ValueKind == JsonValueKind.String && bool.TryParse(v.Value.GetString(), out var b)) return b;
        Problems.Add(FieldPath(name), $"must be true or false, not {Describe(v.Value)}");
        return null;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public string? Choice(string name, IReadOnlyCollection<string> allowed)
    {
        var s = String(name);
        if (s is null) return null;
        if (allowed.Contains(s)) return s;
        var hint = Suggest(s, allowed);
        Problems.Add(FieldPath(name), $"unknown value \"{s}\"{(hint is null ? "" : $"; did you mean \"{hint}\"?")} (one of: {string.Join(", ", allowed)})");
        return null;
    }

    public JsonObjectReader? Object(string name, bool required = false)
    {
        var v = Raw(name);
        if (v is null)
        {
            if (required) Problems.Add(FieldPath(name), "required field is missing");
            return null;
        }
        var r = new JsonObjectReader(v.Value, FieldPath(name), Problems);
        return r.IsObject ? r : null;
    }

    /// <summary>The items of an array field, each with its path; a non-array is a problem.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Array(string name, bool required = false)
    {
        var v = Raw(name);
        if (v is null)
        {
            if (required) Problems.Add(FieldPath(name), "required field is missing");
            return [];
        }
        if (v.Value.ValueKind != JsonValueKind.Array)
        {
            Problems.Add(FieldPath(name), $"must be an array, not {Describe(v.Value)}");
            return [];
        }
        return v.Value.EnumerateArray().Select((e, i) => (e, $"{FieldPath(name)}[{i}]")).ToList();
    }

    /// <summary>Marks fields as allowed without reading them (read elsewhere, or ignored on purpose).</summary>
    public void Allow(params string[] names)
    {
        foreach (var n in names) _known.Add(n);
    }

    /// <summary>Call after every read: each field present but never asked for is a problem.</summary>
    public void ReportUnknown(string what = "unknown field")
    {
        if (!IsObject) return;
        foreach (var p in _element.EnumerateObject())
        {
            if (_known.Contains(p.Name)) continue;
            var hint = Suggest(p.Name, _known);
            Problems.Add(FieldPath(p.Name), hint is null ? what : $"{what}; did you mean \"{hint}\"?");
        }
    }

    /// <summary>The closest known name within a small edit distance, for typos.</summary>
    public static string? Suggest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            var d = Distance(name.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (k, d);
        }
        return best is not null && bestDistance <= Math.Max(2, Math.Min(3, name.Length / 3)) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        _ => e.ValueKind.ToString(),
    };

    public static string Fmt(double d) => d.ToString("0.######", CultureInfo.InvariantCulture);
}
