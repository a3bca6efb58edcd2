namespace Tessera.Engine;

/// <summary>
/// What to generate (contracts §2). Null Steps/Cfg/Autoguide/NoiseScale/Consensus take the model's defaults. A negative prompt, when given, is what
/// guidance steers away from instead of the empty caption. A context clip gives the video's opening frames: its first
/// <see cref="ContextFrames"/> (video prediction), or with <see cref="ContextFromEnd"/> its last ones (extending the clip).
/// </summary>
public sealed record GenerationRequest(
    string Prompt, int Seed = 0, int Frames = 16, int Width = 64, int Height = 64, double Fps = 8,
    int? Steps = null, double? Cfg = null, string Sampler = "euler",
    Tessera.Media.RgbImage? FirstFrame = null, Tessera.Media.RgbImage? LastFrame = null,
    string? ContextClip = null, int ContextFrames = 3, int Variants = 1, string? NegativePrompt = null,
    double? Autoguide = null, bool ContextFromEnd = false, double? NoiseScale = null, int? Consensus = null);

/// <summary>One written video and the seed that made it.</summary>
public sealed record GeneratedVideo(string Path, int Seed);
