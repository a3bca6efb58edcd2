namespace Tessera.Media.Tests;

public sealed class ChromaSubsamplingTests
{
    /// <summary>A 1-pixel red column on white, 8×8: finer than 4:2:0 keeps colour.</summary>
    private static byte[] RedColumn(int x)
    {
        var f = Enumerable.Repeat((byte)255, 8 * 8 * 3).ToArray();
        for (var y = 0; y < 8; y++) (f[(y * 8 + x) * 3 + 1], f[(y * 8 + x) * 3 + 2]) = (0, 0);
        return f;
    }

    private static (byte R, byte G, byte B) At(byte[] f, int x, int y) => (f[(y * 8 + x) * 3], f[(y * 8 + x) * 3 + 1], f[(y * 8 + x) * 3 + 2]);

    [Fact]
    public void Colour_finer_than_two_pixels_bleeds_into_its_neighbour_and_flat_areas_keep_theirs()
    {
        var frames = new[] { RedColumn(2), RedColumn(5) };
        var lossy = ChromaSubsampling.RoundTrip420(frames, 8, 8);
        Assert.Equal(2, lossy.Count);
        Assert.All(lossy, f => Assert.Equal(8 * 8 * 3, f.Length));
        // The red column loses saturation, its white neighbour in the same chroma pair turns pink: what an MP4 does
        // (ffmpeg 5.1 here: (255, 0, 0) → (164, 36, 36) and (255, 255, 255) → (255, 216, 216)).
        var (r, g, _) = At(lossy[0], 2, 4);
        Assert.True(g > 20 && r < 200, $"the red pixel kept its full saturation ({r}, {g})");
        Assert.True(r > g + 60, $"the red pixel is no longer red ({r}, {g})");
        var neighbour = At(lossy[0], 3, 4);
        Assert.True(neighbour.R > neighbour.G + 20, $"its neighbour {neighbour} did not take on red");
        Assert.Equal((255, 255, 255), At(lossy[0], 7, 4));   // white far from the column stays white
        // Each frame is converted on its own, in order.
        Assert.True(At(lossy[1], 5, 4).G < At(lossy[1], 2, 4).G);
        Assert.Empty(ChromaSubsampling.RoundTrip420([], 8, 8));
    }

    [Fact]
    public void Odd_sides_and_short_frames_are_refused_with_what_is_wrong()
    {
        var odd = Assert.Throws<MediaError>(() => ChromaSubsampling.RoundTrip420([new byte[7 * 8 * 3]], 7, 8));
        Assert.Contains("even frame sides, got 7x8", odd.Message);
        var shortFrame = Assert.Throws<MediaError>(() => ChromaSubsampling.RoundTrip420([RedColumn(1), new byte[10]], 8, 8));
        Assert.Contains("8x8 RGB24", shortFrame.Message);
    }
}
