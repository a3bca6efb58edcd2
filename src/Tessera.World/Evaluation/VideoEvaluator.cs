using System.Globalization;
using Tessera.Media;
using Tessera.World.Captions;
using Tessera.World.Scenes;
using Tessera.World.Truth;

namespace Tessera.World.Evaluation;

/// <summary>
/// Reads a video back into numbers: finds coloured objects by hue, tracks them, and checks them against the
/// prompt (colour, shape, direction, count), measures PhyWorld's velocity error against ground truth,
/// VBench's temporal-flickering score, and PSNR of the first/last frame against given images.
/// </summary>
public static class VideoEvaluator
{
    /// <summary>PSNR reported for identical images (∞ does not fit JSON).</summary>
    public const double IdenticalPsnr = 100;

    public static EvaluationReport Evaluate(EvaluationRequest request)
    {
        MediaProbe.RequireReadableFile(request.VideoPath);
        var truth = request.TruthPath is null ? null : TruthJson.Read(request.TruthPath);
        var expectation = request.Prompt is not null ? Expectation.FromPrompt(request.Prompt)
            : truth is not null ? Expectation.FromTruth(truth) : null;
        var frames = FrameReader.ReadAll(request.VideoPath, null, out var width, out var height, out _);
        var first = request.FirstFramePath is null ? null : RgbImage.Load(request.FirstFramePath, width, height);
        var last = request.LastFramePath is null ? null : RgbImage.Load(request.LastFramePath, width, height);
        return Evaluate(request.VideoPath, frames, width, height, expectation, truth, first, last);
    }

    /// <summary>Scores frames already in memory (RGB24): for bench code that generates and scores in one process.</summary>
    public static EvaluationReport Evaluate(string name, IReadOnlyList<byte[]> frames, int width, int height,
        Expectation? expectation, GroundTruth? truth = null, RgbImage? firstFrame = null, RgbImage? lastFrame = null)
    {
        if (frames.Count == 0) throw new TesseraError($"{name}: the video has no frames");
        var s = Math.Min(width, height);
        var detector = new BlobDetector(width, height);
        var blobs = frames.Select(f => detector.Detect(f)).ToList();
        var tracks = ObjectTracker.Track(blobs, s);
        // Objects, not blobs per frame: a ball that leaves the view after a collision still counts.
        var detectedCount = tracks.Count;
        var notes = new List<string>();

        bool? colorOk = null, shapeOk = null, directionOk = null, countOk = null;
        if (expectation is not null)
        {
            var matched = Match(expectation.Objects, tracks);
            for (var i = 0; i < expectation.Objects.Count; i++)
            {
                var m = expectation.Objects[i];
                var t = matched[i];
                var label = Label(m);
                if (m.Color is not null)
                {
                    var ok = t is not null && t.NamedColor == m.Color;
                    colorOk = (colorOk ?? true) && ok;
                    if (!ok) notes.Add($"colour: no {m.Color.Name} object found for {label}");
                }
                if (m.Shape is { } shape)
                {
                    var seen = t?.Shape;
                    var ok = seen == shape;
                    shapeOk = (shapeOk ?? true) && ok;
                    notes.Add($"shape: {label} looks like a {seen?.Name() ?? "nothing"}{(ok ? "" : $", expected a {shape.Name()}")}");
                }
                var motion = CheckMotion(m, t, i, expectation, matched, s);
                if (motion is { } r)
                {
                    directionOk = (directionOk ?? true) && r.Ok;
                    notes.Add($"motion: {label} {r.Note}{(r.Ok ? "" : " (fail)")}");
                }
            }
            countOk = detectedCount == expectation.Objects.Count;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"count: expected {expectation.Objects.Count}, found {detectedCount}"));
        }
        var checks = new[] { colorOk, shapeOk, directionOk, countOk }.Where(c => c is not null).ToList();
        bool? adherence = checks.Count == 0 ? null : checks.All(c => c == true);

        var velocity = truth is null ? null : PhyWorldVelocity.Measure(frames, width, height, truth);
        double? firstPsnr = firstFrame is null ? null : Psnr(frames[0], firstFrame, name, "first");
        double? lastPsnr = lastFrame is null ? null : Psnr(frames[^1], lastFrame, name, "last");
        var detected = tracks.Select(t => new DetectedObject(t.NamedColor.Name, t.Shape?.Name(), t.Points.Count,
            [Math.Round(t.Points[0].Blob.X, 2), Math.Round(t.Points[0].Blob.Y, 2)], [Math.Round(t.Last.X, 2), Math.Round(t.Last.Y, 2)])).ToList();
        return new EvaluationReport(name, expectation?.Prompt, colorOk, shapeOk, directionOk, countOk, adherence,
            velocity is null ? null : Math.Round(velocity.MeanVelocity, 6), velocity is null ? null : Math.Round(velocity.PerFrame, 6),
            velocity is null ? null : Math.Round(velocity.Speed, 6), velocity is null ? null : Math.Round(velocity.TruthSpeed, 6),
            Flicker(frames), firstPsnr, lastPsnr, width, height, frames.Count, expectation?.Objects.Count, detectedCount, detected, notes);
    }

    /// <summary>VBench temporal flickering: (255 − mean absolute difference of consecutive frames) / 255.</summary>
    public static double Flicker(IReadOnlyList<byte[]> frames)
    {
        if (frames.Count < 2) return 1;
        double total = 0;
        for (var f = 1; f < frames.Count; f++)
        {
            long sum = 0;
            var a = frames[f - 1];
            var b = frames[f];
            for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
            total += (double)sum / a.Length;
        }
        return (255 - total / (frames.Count - 1)) / 255;
    }

    private static double Psnr(byte[] frame, RgbImage image, string name, string which)
    {
        if (image.Pixels.Length != frame.Length) throw new TesseraError($"{name}: the {which} frame image could not be scaled to the video's size");
        var p = ImageQuality.Psnr(frame, image.Pixels);
        return double.IsPositiveInfinity(p) ? IdenticalPsnr : Math.Round(p, 3);
    }

    private static string Label(ObjectMention m) =>
        string.Join(' ', new[] { m.Color?.Name, m.Shape?.Name() ?? "object" }.Where(x => x is not null));

    /// <summary>Pairs each named object with a track: by colour first, then by shape, then the largest left.</summary>
    private static ObjectTrack?[] Match(IReadOnlyList<ObjectMention> objects, List<ObjectTrack> tracks)
    {
        var result = new ObjectTrack?[objects.Count];
        var free = tracks.ToList();
        for (var i = 0; i < objects.Count; i++)
        {
            if (objects[i].Color is not { } c) continue;
            var t = free.FirstOrDefault(t => t.NamedColor == c && t.Shape == objects[i].Shape) ?? free.FirstOrDefault(t => t.NamedColor == c);
            if (t is null) continue;
            result[i] = t;
            free.Remove(t);
        }
        for (var i = 0; i < objects.Count; i++)
        {
            if (objects[i].Color is not null) continue;
            var t = free.FirstOrDefault(t => objects[i].Shape is null || t.Shape == objects[i].Shape) ?? free.FirstOrDefault();
            if (t is null) continue;
            result[i] = t;
            free.Remove(t);
        }
        return result;
    }

    private static (bool Ok, string Note)? CheckMotion(ObjectMention m, ObjectTrack? t, int index, Expectation e, ObjectTrack?[] matched, double s)
    {
        var camera = e.Camera ?? CameraMotion.None;
        var motion = m.Motion ?? (m.Direction is not null ? MotionKind.Move : null);
        // A still object shows the camera's move: a pan slides it the other way, a zoom scales it.
        if ((motion == MotionKind.Still || motion is null) && camera != CameraMotion.None)
        {
            if (t is null) return (false, "not found");
            if (camera.ApparentDirectionOfStill() is { } apparent) return MotionCheck.Move(t, apparent, s);
            return MotionCheck.Zoom(t, camera == CameraMotion.ZoomIn);
        }
        if (motion is null) return null;
        if (t is null) return (false, "not found");
        return motion switch
        {
            MotionKind.Move when m.Direction is { } d => MotionCheck.Move(t, d, s),
            MotionKind.Move => (t.Points.Count > 1 && !MotionCheck.Still(t, s).Ok, "expected to move"),
            MotionKind.Fall => MotionCheck.Fall(t, s),
            MotionKind.Bounce => MotionCheck.Bounce(t, s),
            MotionKind.Still => MotionCheck.Still(t, s),
            _ => CollidePartner(index, e, matched) is { } partner ? MotionCheck.Collide(t, partner, s) : (false, "no second object to collide with"),
        };
    }

    private static ObjectTrack? CollidePartner(int index, Expectation e, ObjectTrack?[] matched)
    {
        for (var j = 0; j < e.Objects.Count; j++)
            if (j != index && e.Objects[j].Motion == MotionKind.Collide && matched[j] is not null) return matched[j];
        return null;
    }
}

/// <summary>What a video should show: objects and a camera move, from a prompt or from ground truth.</summary>
public sealed record Expectation(string Prompt, IReadOnlyList<ObjectMention> Objects, CameraMotion? Camera)
{
    /// <summary>Parses the prompt; a prompt with unknown words is an error that names them.</summary>
    public static Expectation FromPrompt(string prompt)
    {
        var meaning = PromptParser.ParseOrThrow(prompt);
        return new Expectation(prompt, meaning.Objects, meaning.Camera);
    }

    public static Expectation FromTruth(GroundTruth truth)
    {
        var objects = truth.Objects.Select(o => new ObjectMention(
            Palette.ObjectColors.FirstOrDefault(c => c.Name == o.Color),
            Enum.TryParse<ShapeKind>(o.Shape, true, out var shape) ? shape : null,
            null,
            Enum.TryParse<MotionKind>(o.Motion, true, out var motion) ? motion : null,
            o.Direction is not null && Enum.TryParse<Direction>(o.Direction, true, out var d) ? d : null)).ToList();
        var camera = truth.Camera switch
        {
            "pan-left" => CameraMotion.PanLeft,
            "pan-right" => CameraMotion.PanRight,
            "pan-up" => CameraMotion.PanUp,
            "pan-down" => CameraMotion.PanDown,
            "zoom-in" => CameraMotion.ZoomIn,
            "zoom-out" => CameraMotion.ZoomOut,
            _ => CameraMotion.None,
        };
        return new Expectation(truth.CaptionEn, objects, camera);
    }
}
