using Tessera.World.Scenarios;
using Tessera.World.Truth;

namespace Tessera.World.Evaluation;

/// <summary>Velocity errors of a PhyWorld video against its exact ground truth (world units per second).</summary>
/// <param name="MeanVelocity">|mean v − mean v_truth| over the scored frame pairs, per ball (and per axis for the parabola),
/// averaged: the form of the paper's evaluation code (|x_vel.mean() − v0|), robust to the pixel grid.</param>
/// <param name="PerFrame">mean |v − v_truth| over the scored frame pairs: stricter, and at 128 px dominated by the mask's
/// pixel quantisation (about 0.03 for ground truth).</param>
/// <param name="Pairs">Frame pairs scored.</param>
/// <param name="Speed">The video's mean speed over the scored pairs (world units per second; per ball, the length of its
/// mean velocity, averaged over balls). Beside <paramref name="TruthSpeed"/> it shows how a model errs: a model that reads
/// speed off its context keeps speed ≈ truth, one that falls back on a typical speed does not.</param>
/// <param name="TruthSpeed">The ground truth's mean speed over the same pairs.</param>
public sealed record VelocityErrors(double MeanVelocity, double PerFrame, int Pairs, double Speed, double TruthSpeed);

/// <summary>
/// PhyWorld's velocity error (Kang et al. 2024): parse each ball by the paper's colour mask (red: R&gt;127,
/// G&lt;127, B&lt;127; blue likewise), take the mask's mean position in world units, v = diff(x)/Δt, and compare with
/// v_truth = diff(x_truth)/Δt over frame pairs from index 3 on where the truth has the balls in view; for a collision,
/// only pairs after the first contact. Uniform motion and collision compare horizontal velocity (both balls for a
/// collision); the parabola compares both components, since its motion is two-dimensional.
/// Two details follow the paper's released code (phyworld/phyworld, id_ood_data/evaluate.py) so that generated
/// videos score as they would there: a collision counts as in view when the left (red) ball's left edge and the
/// right (blue) ball's right edge are inside the world (only the outer edges, x only); and a ball the mask does not
/// find is placed at the world's edge it would leave by (x = 0 for the red ball of a collision, x = width otherwise),
/// so a vanished ball is a large error rather than a ball standing still.
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
        var parsed = new (double X, double Y)[balls, count];
        for (var f = 0; f < count; f++)
        for (var b = 0; b < balls; b++)
            parsed[b, f] = MaskCentre(frames[f], width, height, blue: b == 1, scale, truth.WorldHeight)
                ?? (kind == ScenarioKind.Collision && b == 0 ? 0 : truth.WorldWidth, truth.FrameStates[f].Objects[b].Y);

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
            if (!InView(a, truth, kind) || !InView(c, truth, kind)) continue;
            if (a.Time < contact && kind == ScenarioKind.Collision) continue;
            var dt = c.Time - a.Time;
            pairs++;
            for (var b = 0; b < balls; b++)
            {
                var truthV = new[] { (c.Objects[b].X - a.Objects[b].X) / dt, (c.Objects[b].Y - a.Objects[b].Y) / dt };
                var (p0, p1) = (parsed[b, f], parsed[b, f + 1]);
                var v = new[] { (p1.X - p0.X) / dt, (p1.Y - p0.Y) / dt };
                for (var k = 0; k < axes; k++)
                {
                    measured[b, k] += v[k];
                    expected[b, k] += truthV[k];
                    perFrame += Math.Abs(v[k] - truthV[k]);
                }
            }
        }
        if (pairs == 0) return null;
        double mean = 0, speed = 0, truthSpeed = 0;
        for (var b = 0; b < balls; b++)
        {
            double squared = 0, truthSquared = 0;
            for (var k = 0; k < axes; k++)
            {
                mean += Math.Abs(measured[b, k] - expected[b, k]) / pairs;
                squared += Math.Pow(measured[b, k] / pairs, 2);
                truthSquared += Math.Pow(expected[b, k] / pairs, 2);
            }
            speed += Math.Sqrt(squared);
            truthSpeed += Math.Sqrt(truthSquared);
        }
        // Axes add (a 2-D velocity's error), balls average.
        return new VelocityErrors(mean / balls, perFrame / pairs / balls, pairs, speed / balls, truthSpeed / balls);
    }

    /// <summary>The paper's in-view test: a single ball wholly inside the world; a collision's outer edges inside it, in x.</summary>
    private static bool InView(TruthFrame frame, GroundTruth truth, ScenarioKind kind)
    {
        if (kind != ScenarioKind.Collision) return frame.Objects[0].FullyInView;
        var (red, blue) = (frame.Objects[0], frame.Objects[1]);
        return red.X - truth.Objects[0].Radius >= 0 && blue.X + truth.Objects[1].Radius <= truth.WorldWidth;
    }

    /// <summary>The mask's mean in world units (x right, y up), or null if no pixel matches; <paramref name="scale"/> is
    /// pixels per world unit in this frame. Public so that diagnostics parse a ball exactly as the score does.</summary>
    public static (double X, double Y)? MaskCentre(byte[] rgb, int width, int height, bool blue, double scale, double worldHeight)
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
