using System.Globalization;
using Tessera.Engine.Generation;
using Tessera.Studio.Jobs;
using Tessera.Studio.Storage;

namespace Tessera.Studio.Api.Contracts;

/// <summary>POST /api/v1/generations. Everything but the prompt is optional.</summary>
public sealed class GenerationRequest
{
    /// <summary>What to make, in English or Chinese (at most 2000 characters).</summary>
    public string? Prompt { get; init; }
    /// <summary>Seed of the first variant (variant k uses seed + k); random when omitted.</summary>
    public int? Seed { get; init; }
    /// <summary>How many takes to make at once, 1–8 (default 1).</summary>
    public int? Variants { get; init; }
    /// <summary>Frames per clip, 1–256 at 8 fps (default 16 = 2 s).</summary>
    public int? Frames { get; init; }
    /// <summary>"WIDTHxHEIGHT", each a multiple of 16 from 16 to 1024 (default "64x64"; 16:9 is "112x64").</summary>
    public string? Size { get; init; }
    /// <summary>Sampling steps, 1–200 (default: the model's).</summary>
    public int? Steps { get; init; }
    /// <summary>Classifier-free guidance scale, 0–30 (default: the model's).</summary>
    public double? Cfg { get; init; }
    /// <summary>Autoguidance scale against the model's weaker guide model, 0–30; 1 = off (default: the model's).</summary>
    public double? Autoguide { get; init; }
    /// <summary>Scale of the starting noise, in (0, 2]; 1 = as trained, below 1 closer to the typical video (default: the model's).</summary>
    public double? NoiseScale { get; init; }
    /// <summary>What the video should not show: guidance steers away from it instead of from an empty caption.</summary>
    public string? NegativePrompt { get; init; }
    /// <summary>Asset id of an uploaded image to start from (image-to-video).</summary>
    public string? FirstFrame { get; init; }
    /// <summary>Asset id of an uploaded image to end on.</summary>
    public string? LastFrame { get; init; }
    /// <summary>Asset id of a video to extend: the new clip opens with its last <see cref="ContextFrames"/> frames and goes on.</summary>
    public string? Extend { get; init; }
    /// <summary>How many of <see cref="Extend"/>'s last frames the new clip continues from (default 3; only with extend).</summary>
    public int? ContextFrames { get; init; }
    /// <summary>Also burn a visible "AI生成" label into the picture (the metadata label is always written).</summary>
    public bool? Label { get; init; }

    public const int MaxPromptChars = 2000;
    public const int MaxFrames = 256;
    public const int MaxVariants = 8;
    public const double Fps = 8;
    /// <summary>Upper bound of the guidance scales (cfg, autoguide) a request may ask for.</summary>
    public const int MaxGuidanceScale = 30;

    /// <summary>Checks every field and reports all problems at once; asset ids are checked by <paramref name="assetKind"/>.</summary>
    public async Task<(GenerationSpec? Spec, List<string> Problems)> ValidateAsync(Func<string, Task<string?>> assetKind)
    {
        var problems = new List<string>();
        var prompt = Prompt?.Trim();
        if (string.IsNullOrEmpty(prompt)) problems.Add("prompt: required; describe the video, e.g. \"a red ball rolls to the right\"");
        else CheckText(prompt, "prompt");
        var negative = NegativePrompt?.Trim();
        if (negative is "") problems.Add("negativePrompt: empty; leave it out, or say what the video should not show");
        else if (negative is not null) CheckText(negative, "negativePrompt");
        if (Seed is < 0) problems.Add("seed: must be 0 or more");
        if (Variants is < 1 or > MaxVariants) problems.Add($"variants: {Variants} is outside 1..{MaxVariants}");
        if (Frames is < 1 or > MaxFrames) problems.Add($"frames: {Frames} is outside 1..{MaxFrames}");
        if (Steps is < 1 or > 200) problems.Add($"steps: {Steps} is outside 1..200");
        CheckScale(Cfg, "cfg", "");
        CheckScale(Autoguide, "autoguide", " (1 = off)");
        if (NoiseScale is { } noise && !SamplingDefaults.IsNoiseScale(noise))
            problems.Add($"noiseScale: {noise.ToString(CultureInfo.InvariantCulture)} is outside (0, {SamplingDefaults.MaxNoiseScale.ToString(CultureInfo.InvariantCulture)}] (1 = as trained)");
        var (width, height) = (64, 64);
        if (Size is not null && !TryParseSize(Size, out width, out height))
            problems.Add($"size: '{Truncate(Size)}' is not WIDTHxHEIGHT with each side a multiple of 16 in 16..1024, e.g. \"112x64\"");
        await CheckAsset(FirstFrame, "firstFrame", "image");
        await CheckAsset(LastFrame, "lastFrame", "image");
        await CheckAsset(Extend, "extend", "video");
        if (Extend is not null && FirstFrame is not null) problems.Add("extend, firstFrame: both set the start of the video; pass one of them");
        if (ContextFrames is not null && Extend is null) problems.Add("contextFrames: only counts with extend (the video to continue); leave it out");
        else if (ContextFrames is < 1 or >= MaxFrames) problems.Add($"contextFrames: {ContextFrames} is outside 1..{MaxFrames - 1}");
        else if (Extend is not null && (Frames ?? 16) <= (ContextFrames ?? GenerationSpec.DefaultContextFrames))
            problems.Add($"frames: {Frames ?? 16} must be more than contextFrames ({ContextFrames ?? GenerationSpec.DefaultContextFrames}): the clip opens with that many frames of the video it extends");
        if (problems.Count > 0) return (null, problems);

        var seed = Seed ?? Random.Shared.Next(0, int.MaxValue - MaxVariants);
        return (new GenerationSpec(prompt!, Math.Min(seed, int.MaxValue - MaxVariants), Variants ?? 1, Frames ?? 16, width, height, Fps,
            Steps, Cfg, FirstFrame, LastFrame, Label ?? false, negative, Autoguide,
            Extend, Extend is null ? null : ContextFrames ?? GenerationSpec.DefaultContextFrames, NoiseScale), problems);

        void CheckText(string text, string field)
        {
            if (text.Length > MaxPromptChars) problems.Add($"{field}: {text.Length} characters is too long; at most {MaxPromptChars}");
            else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\t'))) problems.Add($"{field}: contains control characters");
        }

        void CheckScale(double? scale, string field, string hint)
        {
            if (scale is { } v && !(double.IsFinite(v) && v is >= 0 and <= MaxGuidanceScale))
                problems.Add($"{field}: {v.ToString(CultureInfo.InvariantCulture)} is outside 0..{MaxGuidanceScale}{hint}");
        }

        async Task CheckAsset(string? id, string field, string expected)
        {
            if (id is null) return;
            if (!BlobId.IsValid(id)) problems.Add($"{field}: '{Truncate(id)}' is not an asset id (64 hex digits from POST /api/v1/assets)");
            else if (await assetKind(id) is not { } kind) problems.Add($"{field}: no asset {id}; upload the {expected} first");
            else if (kind != expected) problems.Add($"{field}: asset {id} is {Article(kind)} {kind}, not {Article(expected)} {expected}");
        }

        static string Article(string noun) => "aeiou".Contains(noun[0]) ? "an" : "a";
    }

    public static bool TryParseSize(string text, out int width, out int height)
    {
        width = height = 0;
        var parts = text.Split('x');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width is >= 16 and <= 1024 && height is >= 16 and <= 1024 && width % 16 == 0 && height % 16 == 0;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
