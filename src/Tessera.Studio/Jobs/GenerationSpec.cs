namespace Tessera.Studio.Jobs;

/// <summary>A validated generation request as stored in the job row (frames are content-addressed asset ids).</summary>
/// <param name="LabelVisible">Burn a visible "AI generated / AI生成" label into the picture (metadata is always written).</param>
/// <param name="NegativePrompt">What guidance steers away from (null: the empty caption). Last and optional, so job rows
/// stored before it existed still read.</param>
/// <param name="Autoguide">Autoguidance scale (null: the model's default); optional for the same reason.</param>
/// <param name="Extend">Asset id of a video whose last <paramref name="ContextFrames"/> frames open the clip; optional too.</param>
/// <param name="NoiseScale">Scale of the starting noise (null: the model's default); optional too.</param>
public sealed record GenerationSpec(
    string Prompt,
    int Seed,
    int Variants,
    int Frames,
    int Width,
    int Height,
    double Fps,
    int? Steps,
    double? Cfg,
    string? FirstFrame,
    string? LastFrame,
    bool LabelVisible,
    string? NegativePrompt = null,
    double? Autoguide = null,
    string? Extend = null,
    int? ContextFrames = null,
    double? NoiseScale = null)
{
    /// <summary>How many frames of an extended video the new clip continues from when the request does not say.</summary>
    public const int DefaultContextFrames = 3;

    /// <summary>Seconds of video this request makes in all variants: what a key's daily quota counts.</summary>
    public double GeneratedSeconds => Variants * Frames / Fps;
}

/// <summary>A render request as stored: the editor's timeline JSON, with "asset:ID" references left as they are.</summary>
/// <param name="AssetIds">Every asset the timeline names, checked to exist when the job was accepted.</param>
public sealed record RenderSpec(string Timeline, IReadOnlyList<string> AssetIds, bool LabelVisible);
