using System.Globalization;
using System.Text.Json;
using Tessera.Media;

namespace Tessera.Engine.Generation;

/// <summary>
/// The steps and guidance scale a request without --steps or --cfg gets. They belong to the model, not the program:
/// guidance that sharpens a text-to-video model can hurt one that continues a clip (phyworld-uniform at 1150 steps: cfg 1).
/// A model folder may say so in an optional <c>generation.json</c> (as Hugging Face models carry a
/// generation_config.json), e.g. <c>{"cfg": 1}</c>; whatever it leaves out keeps the built-in value.
/// <c>"autoguide"</c> is the autoguidance scale (1 = off), for a folder that also holds the weaker guide model
/// (<see cref="ModelDirectory.GuideFile"/>). <c>"noiseScale"</c> scales the starting noise (1 = as trained): below 1 each
/// seed's video lies closer to the typical one — less variety, and for clip continuation a steadier speed.
/// <c>"consensus"</c> draws each video that many times and keeps the draw nearest the others (<see cref="ConsensusPick"/>):
/// that many times the sampling time, for a video nearer what the model finds most likely.
/// </summary>
public sealed record SamplingDefaults(int Steps, double Cfg, double Autoguide = 1.0, double NoiseScale = 1.0, int Consensus = 1)
{
    public const string FileName = "generation.json";
    public const int MaxSteps = 1000;
    public const double MaxCfg = 50;
    public const double MaxNoiseScale = 2;
    /// <summary>Draws per video at most: each costs a full sampling run, and past a few dozen the medoid barely moves.</summary>
    public const int MaxConsensus = 32;

    /// <summary>A noise scale a request or a generation.json may ask for: more than 0 (at 0 every seed would make the same
    /// video, and --variants would be pointless), at most 2.</summary>
    public static bool IsNoiseScale(double scale) => double.IsFinite(scale) && scale is > 0 and <= MaxNoiseScale;

    /// <summary>What a model folder without generation.json gets.</summary>
    public static SamplingDefaults BuiltIn { get; } = new(20, 4.0);

    /// <summary>The folder's generation.json over the built-in values; the built-in values when there is no such file.</summary>
    public static SamplingDefaults Load(string modelDir)
    {
        var path = Path.Combine(modelDir, FileName);
        if (!File.Exists(path)) return BuiltIn;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new TesseraError($"{path} could not be read as JSON ({e.Message}); fix it to e.g. {{\"steps\": 20, \"cfg\": 1}}, or delete it to use the built-in defaults");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new TesseraError($"{path} must hold a JSON object, e.g. {{\"steps\": 20, \"cfg\": 1}}");
            var result = BuiltIn;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "steps":
                        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out var steps) || steps < 1 || steps > MaxSteps)
                            throw new TesseraError($"{path}: \"steps\" must be a whole number 1..{MaxSteps}, got {p.Value.GetRawText()}");
                        result = result with { Steps = steps };
                        break;
                    case "cfg":
                        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out var cfg) || !(cfg is >= 0 and <= MaxCfg))
                            throw new TesseraError($"{path}: \"cfg\" must be a number 0..{MaxCfg.ToString(CultureInfo.InvariantCulture)}, got {p.Value.GetRawText()}");
                        result = result with { Cfg = cfg };
                        break;
                    case "autoguide":
                        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out var autoguide) || !(autoguide is >= 0 and <= MaxCfg))
                            throw new TesseraError($"{path}: \"autoguide\" must be a number 0..{MaxCfg.ToString(CultureInfo.InvariantCulture)} (1 = off), got {p.Value.GetRawText()}");
                        result = result with { Autoguide = autoguide };
                        break;
                    case "noiseScale":
                        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out var noise) || !IsNoiseScale(noise))
                            throw new TesseraError($"{path}: \"noiseScale\" must be a number in (0, {MaxNoiseScale.ToString(CultureInfo.InvariantCulture)}] (1 = as trained), got {p.Value.GetRawText()}");
                        result = result with { NoiseScale = noise };
                        break;
                    case "consensus":
                        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out var consensus) || consensus < 1 || consensus > MaxConsensus)
                            throw new TesseraError($"{path}: \"consensus\" must be a whole number 1..{MaxConsensus} (1 = one draw), got {p.Value.GetRawText()}");
                        result = result with { Consensus = consensus };
                        break;
                    default:
                        // A misspelt key would otherwise be ignored in silence, and the model would sample with the wrong settings.
                        throw new TesseraError($"{path}: unknown key \"{p.Name}\"; it may hold \"steps\", \"cfg\", \"autoguide\", \"noiseScale\" and \"consensus\"");
                }
            }
            return result;
        }
    }
}
