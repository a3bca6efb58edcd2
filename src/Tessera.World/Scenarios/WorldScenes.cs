using Tessera.Media;
using Tessera.World.Captions;
using Tessera.World.Scenes;
using Tessera.World.Truth;

namespace Tessera.World.Scenarios;

/// <summary>A scene with its exact ground truth and its captions: everything needed to render and train.</summary>
public sealed record WorldSample(Scene Scene, GroundTruth Truth, SceneCaptions Captions);

/// <summary>
/// The world's entry point: a random scene from a seed, or a scene from a prompt in the world's vocabulary.
/// Same seed, same scene, same ground-truth bytes.
/// </summary>
public static class WorldScenes
{
    public static SceneFormat DefaultFormat(ScenarioKind kind) => kind == ScenarioKind.Free ? SceneFormat.Training : SceneFormat.PhyWorld;

    /// <summary>A random scene of a scenario (and its captions) from a seed.</summary>
    /// <param name="anyStart">Free scenes: moving objects start anywhere and may leave the view (<see cref="FreeSceneLayout"/>).</param>
    /// <param name="mix">Free scenes: the world's own mix, or only lone movers or pairs of movers (<see cref="FreeSceneMix"/>).</param>
    public static WorldSample Sample(ScenarioKind kind, long seed, SceneFormat? format = null, bool outOfDistribution = false, bool anyStart = false,
        FreeSceneMix mix = FreeSceneMix.Mixed)
    {
        format = (format ?? DefaultFormat(kind)).Validate();
        var rng = new WorldRandom(seed, (ulong)kind);
        var scene = kind == ScenarioKind.Free
            ? FreeSceneLayout.Realize(FreeSceneSampler.Sample(rng, mix), format, seed, rng, anyStart: anyStart)
            : PhyWorldScenario.Sample(kind, seed, format, outOfDistribution, rng);
        return Finish(scene, rng);
    }

    /// <summary>
    /// A scene that shows what the prompt says; what it leaves open (a colour, a motion, the background) is drawn
    /// from the seed. Throws a TesseraError naming unknown words when the prompt is outside the vocabulary.
    /// </summary>
    public static WorldSample FromPrompt(string prompt, long seed, SceneFormat? format = null)
    {
        format = (format ?? SceneFormat.Training).Validate();
        var meaning = PromptParser.ParseOrThrow(prompt);
        var rng = new WorldRandom(seed, 0x50524F4D5054UL);
        var description = PromptScene.Describe(meaning, rng);
        var scene = FreeSceneLayout.Realize(description, format, seed, rng);
        return Finish(scene, rng);
    }

    private static WorldSample Finish(Scene scene, WorldRandom rng)
    {
        var captions = CaptionWriter.Write(scene.Description, rng);
        var truth = GroundTruthBuilder.Build(scene, captions.English, captions.Chinese);
        return new WorldSample(scene, truth, captions);
    }

    /// <summary>Renders a sample to an H.264 MP4 (atomically) and, optionally, its ground truth JSON.</summary>
    public static void WriteVideo(WorldSample sample, string videoPath, string? truthPath = null, int crf = 10, string preset = "fast")
    {
        using (var renderer = new Rendering.SceneRenderer(sample.Scene))
        using (var writer = FrameWriter.Create(videoPath, new FrameWriteOptions(sample.Scene.Width, sample.Scene.Height, sample.Scene.Fps, crf, preset)))
        {
            var buffer = new byte[renderer.FrameBytes];
            foreach (var frame in sample.Truth.FrameStates)
            {
                renderer.Render(frame, buffer);
                writer.WriteFrame(buffer);
            }
            writer.Complete();
        }
        if (truthPath is not null) TruthJson.Write(truthPath, sample.Truth);
    }

    /// <summary>Renders a sample's frames in memory (RGB24, Width × Height × 3 each), e.g. for in-process training.</summary>
    public static List<byte[]> RenderFrames(WorldSample sample)
    {
        using var renderer = new Rendering.SceneRenderer(sample.Scene);
        return renderer.RenderAll(sample.Truth).ToList();
    }
}
