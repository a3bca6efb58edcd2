using System.Text.Json;
using Tessera.Media;

namespace Tessera.World.Truth;

/// <summary>Reads and writes ground truth JSON. Same scene, same bytes: the serializer's output is deterministic.</summary>
public static class TruthJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(GroundTruth truth) => JsonSerializer.Serialize(truth, Options);

    public static void Write(string path, GroundTruth truth) => AtomicFile.WriteAllText(path, Serialize(truth) + "\n");

    public static GroundTruth Read(string path)
    {
        if (!File.Exists(path)) throw new TesseraError($"ground truth file not found: {path}");
        GroundTruth? truth;
        try
        {
            truth = JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new TesseraError($"{path}: not valid ground truth JSON ({e.Message})");
        }
        if (truth is null || truth.Format != GroundTruth.FormatName || truth.FrameStates is null || truth.Objects is null)
            throw new TesseraError($"{path}: not a Tessera ground truth file (expected \"format\": \"{GroundTruth.FormatName}\")");
        return truth;
    }
}
