using Tessera.World.Scenes;

namespace Tessera.World.Evaluation;

/// <summary>One object followed through the clip: its blob in each frame it was seen.</summary>
public sealed class ObjectTrack(int color)
{
    public int Color { get; } = color;
    public List<(int Frame, Blob Blob)> Points { get; } = [];
    public NamedColor NamedColor => Palette.ObjectColors[Color];
    public Blob Last => Points[^1].Blob;

    // Feature prototypes (fill, spread) measured on rendered shapes; see BlobDetector.
    private static readonly (ShapeKind Shape, double Fill, double Spread)[] Prototypes =
    [
        (ShapeKind.Ball, 0.79, 1.03),
        (ShapeKind.Square, 0.97, 1.27),
        (ShapeKind.Triangle, 0.52, 1.60),
    ];

    /// <summary>The shape whose prototype is nearest to the median features over frames where the object is whole.</summary>
    public ShapeKind? Shape
    {
        get
        {
            var whole = Points.Where(p => !p.Blob.TouchesBorder).Select(p => p.Blob).ToList();
            if (whole.Count == 0) whole = Points.Select(p => p.Blob).ToList();
            if (whole.Count == 0) return null;
            var fill = Median(whole.Select(b => b.Fill));
            var spread = Median(whole.Select(b => b.Spread));
            return Prototypes.MinBy(p => Math.Abs(p.Fill - fill) / 0.15 + Math.Abs(p.Spread - spread) / 0.2).Shape;
        }
    }

    /// <summary>Median area over frames where the object is whole (all frames if never whole).</summary>
    public double TypicalArea
    {
        get
        {
            var whole = Points.Where(p => !p.Blob.TouchesBorder).Select(p => (double)p.Blob.Area).ToList();
            return Median(whole.Count > 0 ? whole : Points.Select(p => (double)p.Blob.Area));
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}

/// <summary>Links each frame's blobs into tracks: same colour, nearest to where the track was last seen.</summary>
public static class ObjectTracker
{
    public static List<ObjectTrack> Track(IReadOnlyList<List<Blob>> frames, double shortSide)
    {
        var tracks = new List<ObjectTrack>();
        var maxJump = 0.4 * shortSide;
        for (var f = 0; f < frames.Count; f++)
        {
            var taken = new HashSet<ObjectTrack>();
            foreach (var blob in frames[f].OrderByDescending(b => b.Area))
            {
                ObjectTrack? best = null;
                var bestDistance = maxJump;
                foreach (var t in tracks)
                {
                    if (t.Color != blob.Color || taken.Contains(t) || t.Points[^1].Frame == f) continue;
                    var d = Math.Sqrt(Math.Pow(t.Last.X - blob.X, 2) + Math.Pow(t.Last.Y - blob.Y, 2));
                    if (d < bestDistance) (best, bestDistance) = (t, d);
                }
                if (best is null)
                {
                    best = new ObjectTrack(blob.Color);
                    tracks.Add(best);
                }
                best.Points.Add((f, blob));
                taken.Add(best);
            }
        }
        // An object is something seen for a good part of the clip; brief specks are noise.
        var minPoints = Math.Max(2, (int)Math.Ceiling(0.3 * frames.Count));
        if (frames.Count == 1) minPoints = 1;
        return tracks.Where(t => t.Points.Count >= minPoints).OrderByDescending(t => t.Points.Count).ThenByDescending(t => t.TypicalArea).ToList();
    }
}
