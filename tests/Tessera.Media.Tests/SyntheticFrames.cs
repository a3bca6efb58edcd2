namespace Tessera.Media.Tests;

/// <summary>Smooth moving content: gradients plus a soft disc, the kind of frames the world renders.</summary>
public static class SyntheticFrames
{
    public static byte[] Make(int width, int height, int index)
    {
        var rgb = new byte[width * height * 3];
        double cx = width * (0.2 + 0.02 * index), cy = height * 0.5, r = height * 0.25;
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = (y * width + x) * 3;
            var d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
            var disc = Math.Clamp((r - d) / 6.0, 0, 1); // soft edge: chroma subsampling keeps it
            rgb[i] = (byte)(40 + 150 * x / width + 60 * disc);
            rgb[i + 1] = (byte)(60 + 120 * y / height);
            rgb[i + 2] = (byte)(200 - 100 * x / width - 80 * disc);
        }
        return rgb;
    }
}
