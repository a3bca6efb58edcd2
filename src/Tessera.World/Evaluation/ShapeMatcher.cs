using Tessera.World.Scenes;

namespace Tessera.World.Evaluation;

/// <summary>
/// Names a blob's shape by template matching on soft coverage. Each pixel's coverage α comes from projecting its
/// colour onto the line from the local background to the object's palette colour, so anti-aliased and codec-blurred
/// edges count fractionally whatever the background. Each candidate shape is then drawn (supersampled) at the
/// blob's centroid with the size that gives the measured area, and the closest coverage map wins. Fill-ratio
/// rules fail at 32 px, where a ball is 7 pixels wide; matching the whole map does not.
/// </summary>
public static class ShapeMatcher
{
    private static readonly ShapeKind[] Shapes = [ShapeKind.Ball, ShapeKind.Square, ShapeKind.Triangle];

    /// <summary>The best-matching shape and the blob's soft area (Σα, in pixels).</summary>
    public static (ShapeKind Shape, double SoftArea) Match(ReadOnlySpan<byte> rgb, int width, int height, int[] classes,
        int color, int minX, int minY, int maxX, int maxY)
    {
        const int pad = 2;
        int x0 = Math.Max(0, minX - pad), y0 = Math.Max(0, minY - pad), x1 = Math.Min(width - 1, maxX + pad), y1 = Math.Min(height - 1, maxY + pad);
        int w = x1 - x0 + 1, h = y1 - y0 + 1;
        var c = Palette.ObjectColors[color];
        var background = LocalBackground(rgb, width, classes, x0, y0, x1, y1);
        double dr = c.R - background.R, dg = c.G - background.G, db = c.B - background.B;
        var norm = dr * dr + dg * dg + db * db;
        var alpha = new double[w * h];
        double area = 0, sx = 0, sy = 0;
        for (var y = y0; y <= y1; y++)
        for (var x = x0; x <= x1; x++)
        {
            var i = (y * width + x) * 3;
            // Pixels of another object's colour are not this object.
            var k = classes[y * width + x];
            if (k >= 0 && k != color) continue;
            var a = norm < 1 ? 0 : ((rgb[i] - background.R) * dr + (rgb[i + 1] - background.G) * dg + (rgb[i + 2] - background.B) * db) / norm;
            a = Math.Clamp(a, 0, 1);
            if (a < 0.08) a = 0; // background noise
            alpha[(y - y0) * w + (x - x0)] = a;
            area += a;
            sx += a * (x + 0.5);
            sy += a * (y + 0.5);
        }
        if (area <= 0) return (ShapeKind.Ball, 0);
        var cx = sx / area;
        var cy = sy / area;
        var best = ShapeKind.Ball;
        var bestScore = double.PositiveInfinity;
        var sub = area > 2000 ? 2 : 4;
        foreach (var shape in Shapes)
        {
            // Size from area; the triangle's centroid lies a third of its half-height below its box centre.
            var r = shape switch
            {
                ShapeKind.Ball => Math.Sqrt(area / Math.PI),
                ShapeKind.Square => Math.Sqrt(area / 4),
                _ => Math.Sqrt(area / 2),
            };
            var ccy = shape == ShapeKind.Triangle ? cy - r / 3 : cy;
            double score = 0;
            for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var cover = Coverage(shape, x0 + x, y0 + y, cx, ccy, r, sub);
                var d = cover - alpha[y * w + x];
                score += d * d;
            }
            if (score < bestScore) (best, bestScore) = (shape, score);
        }
        return (best, area);
    }

    private static double Coverage(ShapeKind shape, int px, int py, double cx, double cy, double r, int sub)
    {
        var inside = 0;
        for (var j = 0; j < sub; j++)
        for (var i = 0; i < sub; i++)
        {
            var x = px + (i + 0.5) / sub - cx;
            var y = py + (j + 0.5) / sub - cy;
            var hit = shape switch
            {
                ShapeKind.Ball => x * x + y * y <= r * r,
                ShapeKind.Square => Math.Abs(x) <= r && Math.Abs(y) <= r,
                _ => y <= r && y >= -r && Math.Abs(x) <= (y + r) / 2,
            };
            if (hit) inside++;
        }
        return inside / (double)(sub * sub);
    }

    /// <summary>Median colour of the unclassified pixels on the window's border: the background around the blob.</summary>
    private static (double R, double G, double B) LocalBackground(ReadOnlySpan<byte> rgb, int width, int[] classes, int x0, int y0, int x1, int y1)
    {
        var rs = new List<byte>();
        var gs = new List<byte>();
        var bs = new List<byte>();
        for (var y = y0; y <= y1; y++)
        for (var x = x0; x <= x1; x++)
        {
            if (y != y0 && y != y1 && x != x0 && x != x1) continue;
            if (classes[y * width + x] >= 0) continue;
            var i = (y * width + x) * 3;
            rs.Add(rgb[i]);
            gs.Add(rgb[i + 1]);
            bs.Add(rgb[i + 2]);
        }
        if (rs.Count == 0) return (255, 255, 255);
        rs.Sort(); gs.Sort(); bs.Sort();
        return (rs[rs.Count / 2], gs[gs.Count / 2], bs[bs.Count / 2]);
    }
}
