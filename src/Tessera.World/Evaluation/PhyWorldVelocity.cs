using Tessera.World.Scenarios;
using Tessera.World.Truth;

namespace Tessera.World.Evaluation;

/// <summary>Velocity errors of a PhyWorld video against its exact ground truth (world units per second).</summary>
/// <param name="MeanVelocity">|mean v − mean v_truth| over the scored frame pairs, per ball (and per axis for the parabola),
/// averaged: the form of the paper's evaluation code (|x_vel.mean() − v0|), robust to the pixel grid.</param>
/// <param name="PerFrame">mean |v − v_truth| over the scored frame pairs: stricter, and at 128 px dominated by the mask's
/// pixel quantisation (about 0.03 for ground truth).</param>
/// <param name="Pairs">Frame pairs scored.</param>
public sealed record VelocityErrors(double MeanVelocity, double PerFrame, int Pairs);

/// <summary>
/// PhyWorld's velocity error (Kang et al. 2024): parse each ball by the paper's colour mask (red: R&gt;127,
/// G&lt;127, B&lt;127; blue likewise), take the mask's mean position in world units, v = diff(x)/Δt, and compare with
/// v_truth = diff(x_truth)/Δt over frame pairs from index 3 on where the balls are fully in view (truth says so);
/// for a collision, only pairs after the first contact. Uniform motion and collision compare horizontal velocity
/// (both balls for a collision); the parabola compares both components, since its motion is two-dimensional.
/// A ball missing from a frame counts as standing still there.
/// </summary>
public static class PhyWorldVelocity
{
    public const int FirstFrame = 3;

    public static VelocityErrors? Measure(IReadOnlyList<byte[]> frames, int width, int height, GroundTruth truth)
    {
        ScenarioKind kind;
        try { kind = ScenarioNames.Parse(truth.Scenario); }
        catch (Media.TesseraError) { return null; }
        if (!kind.IsPhyWorld()) return null;
        var count = Math.Min(frames.Count, truth.FrameStates.Count);
        var balls = kind == ScenarioKind.Collision ? 2 : 1;
        var axes = kind == ScenarioKind.Parabola ? 2 : 1;
        var scale = truth.PixelsPerUnit * width / (double)truth.Width; // pixels per world unit in this video
        var parsed = new (double X, double Y)?[balls, count];
        for (var f = 0; f < count; f++)
        for (var b = 0; b < balls; b++)
            parsed[b, f] = MaskCentre(frames[f], width, height, blue: b == 1, scale, truth.WorldHeight);

        var contact = kind == ScenarioKind.Collision
            ? truth.Events.FirstOrDefault(e => e.Kind == "collision")?.Time ?? double.PositiveInfinity
            : double.NegativeInfinity;
        // Per ball and axis: sums of measured and true velocities, and of per-pair absolute errors.
        var measured = new double[balls, axes];
        var expected = new double[balls, axes];
        double perFrame = 0;
        var pairs = 0;
        for (var f = FirstFrame; f + 1 < count; f++)
        {
            var a = truth.FrameStates[f];
            var c = truth.FrameStates[f + 1];
            if (a.Objects.Take(balls).Any(o => !o.FullyInView) || c.Objects.Take(balls).Any(o => !o.FullyInView)) continue;
            if (a.Time < contact && kind == ScenarioKind.Collision) continue;
            var dt = c.Time - a.Time;
            pairs++;
            for (var b = 0; b < balls; b++)
            {
                var truthV = new[] { (c.Objects[b].X - a.Objects[b].X) / dt, (c.Objects[b].Y - a.Objects[b].Y) / dt };
                var v = new double[2];
                if (parsed[b, f] is { } p0 && parsed[b, f + 1] is { } p1)
                    v = [(p1.X - p0.X) / dt, (p1.Y - p0.Y) / dt];
                for (var k = 0; k < axes; k++)
                {
                    measured[b, k] += v[k];
                    expected[b, k] += truthV[k];
                    perFrame += Math.Abs(v[k] - truthV[k]);
                }
            }
        }
        if (pairs == 0) return null;
        double mean = 0;
        for (var b = 0; b < balls; b++)
        for (var k = 0; k < axes; k++)
            mean += Math.Abs(measured[b, k] - expected[b, k]) / pairs;
        // Axes add (a 2-D velocity's error), balls average.
        return new VelocityErrors(mean / balls, perFrame / pairs / balls, pairs);
    }

    /// <summary>The mask's mean in world units (x right, y up), or null if no pixel matches.</summary>
    private static (double X, double Y)? MaskCentre(byte[] rgb, int width, int height, bool blue, double scale, double worldHeight)
    {
        long sx = 0, sy = 0, count = 0;
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = (y * width + x) * 3;
            var hit = blue
                ? rgb[i] < 127 && rgb[i + 1] < 127 && rgb[i + 2] > 127
                : rgb[i] > 127 && rgb[i + 1] < 127 && rgb[i + 2] < 127;
            if (!hit) continue;
            sx += x;
            sy += y;
            count++;
        }
        if (count == 0) return null;
        var px = (double)sx / count + 0.5;
        var py = (double)sy / count + 0.5;
        return (px / scale, worldHeight - py / scale);
    }
}
