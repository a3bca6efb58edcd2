using Tessera.Engine.Checkpoints;
using Tessera.Engine.Native;
using Tessera.Engine.Vae;
using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Vae;

public sealed class VideoVaeTests : IDisposable
{
    /// <summary>The tiny preset's layout at a fraction of its width, so tests run in seconds.</summary>
    internal static readonly VaeConfig Mini = VaeConfig.Tiny with { Name = "mini", Channels = 16, MidChannels = 16 };

    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-vae-").FullName;

    public VideoVaeTests()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(2);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static VideoVae NewVae()
    {
        torch.manual_seed(3);
        var vae = new VideoVae(Mini);
        // Fresh residual blocks are identities (zero second conv); give them weight so tests see real mixing.
        using (torch.no_grad())
            foreach (var (name, p) in vae.named_parameters())
                if (name.Contains("conv2")) p.normal_(0, 0.05);
        vae.eval();
        return vae;
    }

    [Theory]
    [InlineData(1, 32, 32)]       // a still image is a 1-frame video
    [InlineData(17, 64, 64)]      // a world clip
    [InlineData(9, 24, 40)]       // non-square
    public void EncodeAndDecodeShapes(int frames, int height, int width)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var vae = NewVae();
        var video = torch.rand([1, 3, frames, height, width]) * 2 - 1;
        var z = vae.Encode(video);
        Assert.Equal(new long[] { 1, Mini.LatentChannels, 1 + (frames - 1) / 4, height / 4, width / 4 }, z.shape);
        var back = vae.Decode(z);
        Assert.Equal(video.shape, back.shape);
        Assert.True(back.abs().max().item<float>() <= 1f, "decoded pixels must be in [-1, 1]");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(2)]
    public void WrongSizesAreRefusedWithTheRule(int frames)
    {
        using var _ = torch.no_grad();
        var vae = NewVae();
        var e = Assert.Throws<ArgumentException>(() => vae.Encode(torch.zeros([1, 3, frames, 16, 16])));
        Assert.Contains("1 + 4k", e.Message);
        Assert.Contains("multiples of 4", Assert.Throws<ArgumentException>(() => vae.Encode(torch.zeros([1, 3, 1, 18, 16]))).Message);
    }

    [Fact]
    public void EncoderIsCausalAndFirstFrameStandsAlone()
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var vae = NewVae();
        var video = torch.rand([1, 3, 9, 16, 16]) * 2 - 1;
        var changed = video.clone();
        changed[.., .., 5..] = torch.rand([1, 3, 4, 16, 16]);        // only the last 4 frames differ
        var (a, b) = (vae.Encode(video), vae.Encode(changed));
        Assert.True(a[.., .., ..2].allclose(b[.., .., ..2]), "latent frames 0-1 must not see frames 5-8");
        Assert.False(a[.., .., 2].allclose(b[.., .., 2]), "latent frame 2 covers frames 5-8");
        // The first frame encoded alone equals the first latent frame of the clip.
        var still = vae.Encode(video[.., .., ..1]);
        Assert.True(still.allclose(a[.., .., ..1], 1e-5, 1e-5));
    }

    [Fact]
    public void TiledDecodeEqualsWholeDecode()
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var vae = NewVae();
        var z = torch.randn([1, Mini.LatentChannels, 5, 4, 3]);         // 17 frames of 16×12
        var whole = vae.Decode(z);
        foreach (var tile in new[] { 2, 3 })
        {
            var tiled = vae.DecodeTiled(z, tile);
            Assert.Equal(whole.shape, tiled.shape);
            var diff = (whole - tiled).abs().max().item<float>();
            Assert.True(diff < 1e-5, $"tile {tile}: max difference {diff}");
        }
        var frames = 0L;
        vae.DecodeTiled(z, 2, onFrames: v => frames += v.shape[2]);
        Assert.Equal(17, frames);
    }

    [Fact]
    public void SaveLoadRoundTripKeepsAStillsReconstructionAndScale()
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var vae = NewVae();
        vae.LatentShift = 0.25;
        vae.LatentScale = 0.5;
        var path = Path.Combine(_dir, "vae.safetensors");
        vae.Save(path);
        var loaded = VideoVae.Load(path);
        loaded.eval();
        Assert.Equal(Mini, loaded.Config);
        Assert.Equal((0.25, 0.5), (loaded.LatentShift, loaded.LatentScale));
        var still = torch.rand([3, 3, 1, 16, 24]) * 2 - 1;              // three still images
        Assert.True(vae.Encode(still).equal(loaded.Encode(still)).all().item<bool>());
        Assert.True(vae.forward(still).equal(loaded.forward(still)).all().item<bool>());
    }

    [Fact]
    public void MissingCorruptOrForeignCheckpointNamesTheFile()
    {
        var missing = Path.Combine(_dir, "absent.safetensors");
        Assert.Contains(missing, Assert.Throws<TesseraError>(() => VideoVae.Load(missing)).Message);

        var corrupt = Path.Combine(_dir, "corrupt.safetensors");
        NewVae().Save(corrupt);
        var bytes = File.ReadAllBytes(corrupt);
        File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 2)]);
        Assert.Contains(corrupt, Assert.Throws<TesseraError>(() => VideoVae.Load(corrupt)).Message);

        var foreign = Path.Combine(_dir, "foreign.safetensors");
        SafeTensorsFile.Save(foreign, new Dictionary<string, Tensor> { ["w"] = torch.ones(2) });
        var e = Assert.Throws<TesseraError>(() => VideoVae.Load(foreign));
        Assert.Contains(foreign, e.Message);
        Assert.Contains("not a Tessera VAE", e.Message);
    }
}
