using System.Text.Json.Serialization;

namespace Tessera.World.Evaluation;

/// <summary>What to score: a video, and optionally the prompt, the ground truth and reference first/last frames.</summary>
public sealed record EvaluationRequest(
    string VideoPath,
    string? Prompt = null,
    string? TruthPath = null,
    string? FirstFramePath = null,
    string? LastFramePath = null);

/// <summary>An object the evaluator found: its colour, shape, and where it started and ended (pixels).</summary>
public sealed record DetectedObject(
    [property: JsonPropertyName("color")] string Color,
    [property: JsonPropertyName("shape")] string? Shape,
    [property: JsonPropertyName("frames_seen")] int FramesSeen,
    [property: JsonPropertyName("start")] double[] Start,
    [property: JsonPropertyName("end")] double[] End);

/// <summary>
/// The scores of one video. The four <c>*_ok</c> keys are null when the prompt states nothing they could check;
/// <c>adherence_ok</c> is true when every check that applies passed. <c>notes</c> says why each check came out as it did.
/// </summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("video")] string Video,
    [property: JsonPropertyName("prompt")] string? Prompt,
    [property: JsonPropertyName("color_ok")] bool? ColorOk,
    [property: JsonPropertyName("shape_ok")] bool? ShapeOk,
    [property: JsonPropertyName("direction_ok")] bool? DirectionOk,
    [property: JsonPropertyName("count_ok")] bool? CountOk,
    [property: JsonPropertyName("adherence_ok")] bool? AdherenceOk,
    [property: JsonPropertyName("velocity_error")] double? VelocityError,
    [property: JsonPropertyName("velocity_error_per_frame")] double? VelocityErrorPerFrame,
    [property: JsonPropertyName("speed")] double? Speed,
    [property: JsonPropertyName("speed_truth")] double? SpeedTruth,
    [property: JsonPropertyName("flicker")] double Flicker,
    [property: JsonPropertyName("first_frame_psnr")] double? FirstFramePsnr,
    [property: JsonPropertyName("last_frame_psnr")] double? LastFramePsnr,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("expected_count")] int? ExpectedCount,
    [property: JsonPropertyName("detected_count")] int DetectedCount,
    [property: JsonPropertyName("detected")] IReadOnlyList<DetectedObject> Detected,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);
