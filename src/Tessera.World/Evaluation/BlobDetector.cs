namespace Tessera.World.Evaluation;

/// <summary>Finds the coloured objects of a frame: pixels named by hue, grouped into 4-connected regions.</summary>
public sealed class BlobDetector(int width, int height)
{
    private readonly int[] _classes = new int[width * height];
    private readonly int[] _labels = new int[width * height];
    private readonly int[] _stack = new int[width * height];

    /// <summary>Smallest region counted as an object: 0.4% of the frame, at least 4 pixels (codec specks are smaller).</summary>
    public int MinArea { get; } = Math.Max(4, (int)(0.004 * width * height));

    public List<Blob> Detect(ReadOnlySpan<byte> rgb)
    {
        var n = width * height;
        for (var i = 0; i < n; i++) _labels[i] = _classes[i] = ColorClassifier.Classify(rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]);
        var blobs = new List<Blob>();
        for (var start = 0; start < n; start++)
        {
            var color = _labels[start];
            if (color < 0) continue;
            // Flood fill; visited pixels are marked -2 so each is counted once.
            var top = 0;
            _stack[top++] = start;
            _labels[start] = -2;
            long sumX = 0, sumY = 0;
            var area = 0;
            int minX = width, minY = height, maxX = -1, maxY = -1;
            var members = new List<int>();
            var interior = 0;
            while (top > 0)
            {
                var p = _stack[--top];
                members.Add(p);
                var x = p % width;
                var y = p / width;
                area++;
                sumX += x;
                sumY += y;
                if (x < minX) minX = x;
                if (x > maxX) maxX = x;
                if (y < minY) minY = y;
                if (y > maxY) maxY = y;
                if (x > 0 && x < width - 1 && y > 0 && y < height - 1 && _classes[p - 1] == color && _classes[p + 1] == color
                    && _classes[p - width] == color && _classes[p + width] == color) interior++;
                if (x > 0 && _labels[p - 1] == color) { _labels[p - 1] = -2; _stack[top++] = p - 1; }
                if (x < width - 1 && _labels[p + 1] == color) { _labels[p + 1] = -2; _stack[top++] = p + 1; }
                if (y > 0 && _labels[p - width] == color) { _labels[p - width] = -2; _stack[top++] = p - width; }
                if (y < height - 1 && _labels[p + width] == color) { _labels[p + width] = -2; _stack[top++] = p + width; }
            }
            // Codec fringes around an object can take a neighbouring hue; they are thin, with almost no interior.
            if (area < MinArea || interior < Math.Max(2, MinArea / 4)) continue;
            var cx = (double)sumX / area + 0.5;
            var cy = (double)sumY / area + 0.5;
            double far = 0;
            foreach (var p in members)
            {
                var dx = p % width + 0.5 - cx;
                var dy = p / width + 0.5 - cy;
                far = Math.Max(far, dx * dx + dy * dy);
            }
            // +0.5 px: a pixel centre lies half a pixel inside the shape's true edge.
            var spread = (Math.Sqrt(far) + 0.5) / Math.Sqrt(area / Math.PI);
            var fill = area / (double)((maxX - minX + 1) * (maxY - minY + 1));
            var touches = minX == 0 || minY == 0 || maxX == width - 1 || maxY == height - 1;
            blobs.Add(new Blob(color, area, cx, cy, minX, minY, maxX, maxY, fill, spread, touches));
        }
        return blobs;
    }
}
