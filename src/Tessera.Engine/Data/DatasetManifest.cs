using System.Text.Json;
using Tessera.Media;

namespace Tessera.Engine.Data;

/// <summary>dataset.json of a data set folder (contracts §1): what every sample's video is like.</summary>
public sealed record DatasetManifest(string Scenario, int Width, int Height, int Frames, double Fps, int Count, long Seed)
{
    public static DatasetManifest Read(string path)
    {
        if (!File.Exists(path))
            throw new TesseraError($"{path} not found: a data set folder needs a dataset.json (make one with `tessera world dataset`)");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object) throw new TesseraError($"{path}: not a JSON object");
            var format = r.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (format != ClipDataset.Format)
                throw new TesseraError($"{path}: \"format\" is '{format}', expected '{ClipDataset.Format}'");
            var m = new DatasetManifest(
                r.TryGetProperty("scenario", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "",
                RequireInt(r, "width", path), RequireInt(r, "height", path), RequireInt(r, "frames", path),
                r.TryGetProperty("fps", out var fps) && fps.ValueKind == JsonValueKind.Number ? fps.GetDouble() : 8,
                r.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0,
                r.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number ? seed.GetInt64() : 0);
            if (m.Width < 1 || m.Height < 1 || m.Frames < 1)
                throw new TesseraError($"{path}: width, height and frames must be ≥ 1 (got {m.Width}x{m.Height}, {m.Frames} frames)");
            return m;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new TesseraError($"{path} is not a valid data set manifest ({e.Message})", 2, e);
        }
    }

    private static int RequireInt(JsonElement r, string name, string path) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)
            ? n
            : throw new TesseraError($"{path}: \"{name}\" must be a whole number");
}
