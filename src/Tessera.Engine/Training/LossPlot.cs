using Tessera.Media;

namespace Tessera.Engine.Training;

/// <summary>
/// Draws the loss curve (raw in light grey, a moving average in blue, log-scaled loss axis) into a
/// PNG, with no plotting library: a few hundred pixels of lines are enough to see whether a run learns.
/// </summary>
public static class LossPlot
{
    public static void Save(string path, IReadOnlyList<LossRow> rows, int width = 640, int height = 360)
    {
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        const int left = 40, right = 10, top = 10, bottom = 30;
        var (plotW, plotH) = (width - left - right, height - top - bottom);
        Line(pixels, width, left, top, left, top + plotH, (0, 0, 0));
        Line(pixels, width, left, top + plotH, left + plotW, top + plotH, (0, 0, 0));
        var points = rows.Where(r => r.Loss > 0 && double.IsFinite(r.Loss)).ToList();
        if (points.Count >= 2)
        {
            var (minStep, maxStep) = (points[0].Step, Math.Max(points[^1].Step, points[0].Step + 1));
            var logs = points.Select(p => Math.Log10(p.Loss)).ToList();
            var (lo, hi) = (logs.Min(), Math.Max(logs.Max(), logs.Min() + 1e-3));
            int X(long step) => left + (int)Math.Round((step - minStep) / (double)(maxStep - minStep) * plotW);
            int Y(double log) => top + (int)Math.Round((hi - log) / (hi - lo) * plotH);
            // Gridlines at each power of ten inside the range.
            for (var decade = Math.Ceiling(lo); decade <= hi; decade++) Line(pixels, width, left, Y(decade), left + plotW, Y(decade), (220, 220, 220));
            for (var i = 1; i < points.Count; i++) Line(pixels, width, X(points[i - 1].Step), Y(logs[i - 1]), X(points[i].Step), Y(logs[i]), (200, 200, 200));
            var window = Math.Max(1, points.Count / 50);
            var smooth = new double[points.Count];
            for (var i = 0; i < points.Count; i++)
            {
                var from = Math.Max(0, i - window + 1);
                smooth[i] = Math.Log10(points.Skip(from).Take(i - from + 1).Average(p => p.Loss));
            }
            for (var i = 1; i < points.Count; i++) Line(pixels, width, X(points[i - 1].Step), Y(smooth[i - 1]), X(points[i].Step), Y(smooth[i]), (30, 90, 200));
        }
        new RgbImage(width, height, pixels).SavePng(path);
    }

    private static void Line(byte[] pixels, int width, int x0, int y0, int x1, int y1, (byte R, byte G, byte B) color)
    {
        var height = pixels.Length / 3 / width;
        var steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0)) + 1;
        for (var i = 0; i <= steps; i++)
        {
            var x = x0 + (x1 - x0) * i / steps;
            var y = y0 + (y1 - y0) * i / steps;
            if (x < 0 || y < 0 || x >= width || y >= height) continue;
            var o = (y * width + x) * 3;
            (pixels[o], pixels[o + 1], pixels[o + 2]) = color;
        }
    }
}
