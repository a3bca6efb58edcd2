using System.Globalization;
using Tessera.World.Scenes;

namespace Tessera.World.Evaluation;

/// <summary>
/// Whether a track moved the way a prompt says. Distances are fractions of the frame's shorter side S, so the
/// checks read the same at 32 px and at 1080 px. A check also wants the motion to be steady (most frame-to-frame
/// steps going the right way), which is what catches shuffled frames.
/// </summary>
public static class MotionCheck
{
    public const double MinTravel = 0.08;  // of S, for "moves"/"falls"
    public const double MaxStill = 0.05;   // of S, for "still"
    public const double MinSteady = 0.7;   // share of moving steps in the right direction

    public static (bool Ok, string Note) Move(ObjectTrack t, Direction d, double s)
    {
        if (t.Points.Count < 2) return (false, "seen in fewer than 2 frames");
        var (ux, uy) = Unit(d);
        var first = t.Points[0].Blob;
        var last = t.Last;
        var along = (last.X - first.X) * ux + (last.Y - first.Y) * uy;
        var across = Math.Abs((last.X - first.X) * uy - (last.Y - first.Y) * ux);
        var steady = Steadiness(t, ux, uy);
        var ok = along >= MinTravel * s && along >= across && steady >= MinSteady;
        return (ok, F($"expected {d.Name()}: moved {along / s:+0.00;-0.00} S along, {across / s:0.00} S across, {steady:P0} of steps {d.Name()}"));
    }

    public static (bool Ok, string Note) Fall(ObjectTrack t, double s)
    {
        if (t.Points.Count < 2) return (false, "seen in fewer than 2 frames");
        var drop = t.Last.Y - t.Points[0].Blob.Y;
        var steady = Steadiness(t, 0, 1);
        var ok = drop >= MinTravel * s && steady >= MinSteady;
        return (ok, F($"expected to fall: dropped {drop / s:+0.00;-0.00} S, {steady:P0} of steps down"));
    }

    public static (bool Ok, string Note) Bounce(ObjectTrack t, double s)
    {
        var y = t.Points.Select(p => p.Blob.Y).ToArray();
        if (y.Length < 3) return (false, "seen in fewer than 3 frames");
        var suffixMin = new double[y.Length];
        suffixMin[^1] = y[^1];
        for (var i = y.Length - 2; i >= 0; i--) suffixMin[i] = Math.Min(y[i], suffixMin[i + 1]);
        double prefixMin = y[0], bestDrop = 0, bestRise = 0;
        for (var j = 1; j < y.Length - 1; j++)
        {
            prefixMin = Math.Min(prefixMin, y[j - 1]);
            var drop = y[j] - prefixMin;
            var rise = y[j] - suffixMin[j + 1];
            if (drop >= 0.1 * s && rise > bestRise) (bestDrop, bestRise) = (drop, rise);
        }
        var ok = bestRise >= 0.04 * s;
        return (ok, F($"expected to bounce: fell {bestDrop / s:0.00} S then rose {bestRise / s:0.00} S"));
    }

    public static (bool Ok, string Note) Still(ObjectTrack t, double s)
    {
        var first = t.Points[0].Blob;
        var far = t.Points.Max(p => Math.Sqrt(Math.Pow(p.Blob.X - first.X, 2) + Math.Pow(p.Blob.Y - first.Y, 2)));
        return (far <= MaxStill * s, F($"expected still: wandered up to {far / s:0.00} S"));
    }

    /// <summary>Zoom in: the object grows by a quarter or more in area; zoom out: shrinks likewise.</summary>
    public static (bool Ok, string Note) Zoom(ObjectTrack t, bool zoomIn)
    {
        var whole = t.Points.Where(p => !p.Blob.TouchesBorder).Select(p => (double)p.Blob.Area).ToList();
        if (whole.Count < 2) return (false, "not seen whole in 2 frames");
        var k = Math.Max(1, whole.Count / 5);
        var ratio = ObjectTrack.Median(whole.TakeLast(k)) / ObjectTrack.Median(whole.Take(k));
        var ok = zoomIn ? ratio >= 1.25 : ratio <= 0.8;
        return (ok, F($"expected the camera to zoom {(zoomIn ? "in" : "out")}: area changed ×{ratio:0.00}"));
    }

    /// <summary>Two objects come together (centres within ~their radii) after starting apart.</summary>
    public static (bool Ok, string Note) Collide(ObjectTrack a, ObjectTrack b, double s)
    {
        var byFrame = b.Points.ToDictionary(p => p.Frame, p => p.Blob);
        var distances = a.Points.Where(p => byFrame.ContainsKey(p.Frame))
            .Select(p => Math.Sqrt(Math.Pow(p.Blob.X - byFrame[p.Frame].X, 2) + Math.Pow(p.Blob.Y - byFrame[p.Frame].Y, 2))).ToList();
        if (distances.Count < 2) return (false, "the two objects are seen together in fewer than 2 frames");
        var reach = Math.Sqrt(a.TypicalArea / Math.PI) + Math.Sqrt(b.TypicalArea / Math.PI);
        var closest = distances.Min();
        var approach = distances[0] - closest;
        var ok = closest <= 1.35 * reach && approach >= 0.05 * s;
        return (ok, F($"expected a collision: closed in by {approach / s:0.00} S to {closest / reach:0.00}× their radii"));
    }

    private static double Steadiness(ObjectTrack t, double ux, double uy)
    {
        int moving = 0, good = 0;
        for (var i = 1; i < t.Points.Count; i++)
        {
            var step = (t.Points[i].Blob.X - t.Points[i - 1].Blob.X) * ux + (t.Points[i].Blob.Y - t.Points[i - 1].Blob.Y) * uy;
            var sideways = Math.Abs((t.Points[i].Blob.X - t.Points[i - 1].Blob.X) * uy - (t.Points[i].Blob.Y - t.Points[i - 1].Blob.Y) * ux);
            if (Math.Abs(step) < 0.25 && sideways < 0.25) continue; // not moving this step
            moving++;
            if (step > 0) good++;
        }
        return moving == 0 ? 0 : (double)good / moving;
    }

    private static (double X, double Y) Unit(Direction d) => d switch
    {
        Direction.Right => (1, 0),
        Direction.Left => (-1, 0),
        Direction.Up => (0, -1),
        _ => (0, 1),
    };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
