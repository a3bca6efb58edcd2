namespace Tessera.Engine.Data;

/// <summary>One training sample: its frames as packed RGB24 (Width × Height × 3 bytes each), captions and ground truth.</summary>
/// <param name="Id">The sample's id in its data set ("000042").</param>
/// <param name="FramesRgb">Decoded frames in order; at most the data set's frame count.</param>
/// <param name="Captions">Every phrasing of its caption (English and Chinese mixed); may be empty.</param>
/// <param name="TruthPath">Absolute path of the ground-truth JSON, or null when the data set has none.</param>
public sealed record ClipSample(string Id, byte[][] FramesRgb, IReadOnlyList<string> Captions, string? TruthPath);
