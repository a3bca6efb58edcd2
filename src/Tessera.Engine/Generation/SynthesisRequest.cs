using Tessera.Engine.Flow;
using Tessera.Media;

namespace Tessera.Engine.Generation;

/// <summary>A validated request for latent synthesis: sizes are already checked against the model.</summary>
/// <param name="Prompt">Caption (English or Chinese; empty = unconditional).</param>
/// <param name="Seeds">One seed per variant; variants run as one batch.</param>
/// <param name="Frames">Pixel frames wanted.</param>
/// <param name="Width">Pixel width (a multiple of the VAE's space factor × patch).</param>
/// <param name="Height">Pixel height.</param>
/// <param name="Steps">Sampler steps.</param>
/// <param name="Cfg">Classifier-free guidance scale (1 = none).</param>
/// <param name="Sampler">Euler or Heun.</param>
/// <param name="FirstFrame">Image the video starts from, at Width×Height.</param>
/// <param name="LastFrame">Image the video ends on, at Width×Height.</param>
/// <param name="Context">Frames the video continues (video prediction), at Width×Height.</param>
/// <param name="NegativePrompt">What guidance steers away from ("" = the empty caption, plain classifier-free guidance).</param>
/// <param name="Autoguide">Autoguidance scale against the model folder's guide model (1 = none).</param>
/// <param name="NoiseScale">The starting noise's standard deviation (1 = as trained); below 1 draws closer to the typical video.</param>
/// <param name="Consensus">Draws per video, of which the medoid is kept (<see cref="ConsensusPick"/>; 1 = a single draw).</param>
public sealed record SynthesisRequest(
    string Prompt, IReadOnlyList<int> Seeds, int Frames, int Width, int Height, int Steps, double Cfg, SamplerKind Sampler,
    RgbImage? FirstFrame = null, RgbImage? LastFrame = null, IReadOnlyList<byte[]>? Context = null, string NegativePrompt = "",
    double Autoguide = 1.0, double NoiseScale = 1.0, int Consensus = 1);
