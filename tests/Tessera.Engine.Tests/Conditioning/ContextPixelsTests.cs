using Tessera.Engine.Conditioning;
using Tessera.Engine.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Conditioning;

public sealed class ContextPixelsTests
{
    public ContextPixelsTests() => TorchNative.EnsureLoaded();

    [Theory]
    [InlineData(0, 0, 0)]      // frame 0 is latent frame 0 alone
    [InlineData(1, 1, 0)]
    [InlineData(2, 1, 1)]      // PhyWorld's third frame
    [InlineData(4, 1, 3)]
    [InlineData(5, 2, 0)]
    public void Each_frame_has_its_latent_frame_and_slot(int pixelFrame, int latentFrame, int slot) =>
        Assert.Equal((latentFrame, slot), ContextPixels.Place(pixelFrame, 4));

    [Fact]
    public void Packing_puts_each_pixel_under_its_latent_cell()
    {
        using var scope = torch.NewDisposeScope();
        // An 8×4 frame with every byte different: red = x + 8y, green = 100 + that, blue = 200 − that; then a second frame all 9.
        var frame = new byte[8 * 4 * 3];
        for (var y = 0; y < 4; y++)
        for (var x = 0; x < 8; x++)
        {
            var i = (y * 8 + x) * 3;
            (frame[i], frame[i + 1], frame[i + 2]) = ((byte)(x + 8 * y), (byte)(100 + x + 8 * y), (byte)(200 - x - 8 * y));
        }
        var packed = ContextPixels.Pack([frame, Enumerable.Repeat((byte)9, frame.Length).ToArray()], 8, 4, 2);
        Assert.Equal(new long[] { 12, 2, 2, 4 }, packed.shape);                // 3·2² channels, 2 frames, a 2×4 latent grid
        Assert.Equal(ScalarType.Byte, packed.dtype);
        // Pixel (x 5, y 3) is cell (col 2, row 1) at offset (dx 1, dy 1): channel c·4 + 1·2 + 1.
        Assert.Equal(5 + 24, packed[0 * 4 + 3, 0, 1, 2].item<byte>());
        Assert.Equal(100 + 5 + 24, packed[1 * 4 + 3, 0, 1, 2].item<byte>());
        Assert.Equal(200 - 5 - 24, packed[2 * 4 + 3, 0, 1, 2].item<byte>());
        Assert.Equal(9 * 12 * 8, packed[.., 1].to_type(ScalarType.Int64).sum().item<long>());
        Assert.Throws<ArgumentException>(() => ContextPixels.Pack([frame], 8, 4, 3));     // 8×4 has no 3×3 blocks
        Assert.Throws<ArgumentException>(() => ContextPixels.Pack([frame[..^3]], 8, 4, 2));
    }

    [Fact]
    public void A_frame_lands_in_its_slot_as_values_with_its_mask()
    {
        using var scope = torch.NewDisposeScope();
        var pixels = ContextPixels.Empty(2, 4, 1, 3, 2, 2);                    // 2 samples, 4 slots of 3 channels (s = 1), 3 latent frames
        Assert.Equal(new long[] { 2, 16, 3, 2, 2 }, pixels.shape);
        var packed = torch.full([3, 2, 2], (byte)255, ScalarType.Byte);
        ContextPixels.Put(pixels, 1, 2, packed, 4, 4);                         // pixel frame 2: latent frame 1, slot 1
        Assert.Equal(1f, pixels[1, 3..6, 1].min().item<float>());             // 255 → 1, the VAE's pixel scale
        Assert.Equal(1f, pixels[1, 12 + 1, 1].min().item<float>());
        ContextPixels.Put(pixels, 1, 0, torch.zeros([3, 2, 2], ScalarType.Byte), 4, 4);   // frame 0: latent frame 0, slot 0; 0 → −1
        Assert.Equal(-1f, pixels[1, 0..3, 0].max().item<float>());
        Assert.Equal(1f, pixels[1, 12, 0].min().item<float>());
        Assert.Equal(12 + 4 - 12 + 4, pixels.sum().item<float>());            // nothing else was touched
        ContextPixels.Put(pixels, 0, 9, packed, 4, 4);                         // latent frame 3: past this clip, left out
        Assert.Equal(0f, pixels[0].abs().sum().item<float>());
        Assert.Throws<ArgumentException>(() => ContextPixels.Put(pixels, 0, 4, packed, 2, 4));   // slot 3 of a 2-slot model
    }
}
