using Tessera.World.Scenarios;
using Tessera.World.Truth;

namespace Tessera.World.Evaluation;

/// <summary>
/// PhyWorld's velocity error (Kang et al. 2024): parse each ball by the paper's colour mask (red: R&gt;127,
/// G&lt;127, B&lt;127; blue likewise), take the mask's mean position in world units, v = diff(x)/Δt, and average
/// |v − v_truth| over frame pairs from index 3 on where the balls are fully in view (truth says so); for a
/// collision, only pairs after the first contact. v_truth is diff(x_truth)/Δt of the exact positions, as in the
/// paper's code. Uniform motion and collision compare horizontal velocity (both balls for a collision); the
/// parabola compares both components (|Δvx| + |Δvy|), since its motion is two-dimensional.
/// </summary>
public static class PhyWorldVelocity
{
    public const int FirstFrame = 3;

    public static double? Measure(IReadOnlyList<byte[]> frames, int width, int height, GroundTruth truth)
    {
        ScenarioKind kind;
        try { kind = ScenarioNames.Parse(truth.Scenario); }
        catch (Media.TesseraError) { return null; }
        if (!kind.IsPhyWorld()) return null;
        var count = Math.Min(frames.Count, truth.FrameStates.Count);
        var balls = kind == ScenarioKind.Collision ? 2 : 1;
        var scale = truth.PixelsPerUnit * width / (double)truth.Width; // pixels per world unit in this video
        var parsed = new (double X, double Y)?[balls, count];
        for (var f = 0; f < count; f++)
        for (var b = 0; b < balls; b++)
            parsed[b, f] = MaskCentre(frames[f], width, height, blue: b == 1, scale, truth.WorldHeight);

        var contact = kind == ScenarioKind.Collision
            ? truth.Events.FirstOrDefault(e => e.Kind == "collision")?.Time ?? double.PositiveInfinity
            : double.NegativeInfinity;
        double sum = 0;
        var n = 0;
        for (var f = FirstFrame; f + 1 < count; f++)
        {
            var a = truth.FrameStates[f];
            var c = truth.FrameStates[f + 1];
            if (a.Objects.Take(balls).Any(o => !o.FullyInView) || c.Objects.Take(balls).Any(o => !o.FullyInView)) continue;
            if (a.Time < contact && kind == ScenarioKind.Collision) continue;
            var dt = c.Time - a.Time;
            for (var b = 0; b < balls; b++)
            {
                var tx = (c.Objects[b].X - a.Objects[b].X) / dt;
                var ty = (c.Objects[b].Y - a.Objects[b].Y) / dt;
                // A ball that is not there has no velocity: the error is the whole true velocity.
                double vx = 0, vy = 0;
                if (parsed[b, f] is { } p0 && parsed[b, f + 1] is { } p1)
                {
                    vx = (p1.X - p0.X) / dt;
                    vy = (p1.Y - p0.Y) / dt;
                }
                sum += Math.Abs(vx - tx) + (kind == ScenarioKind.Parabola ? Math.Abs(vy - ty) : 0);
                n++;
            }
        }
        if (n == 0) return null;
        return sum / n;
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
