using Tessera.World.Captions;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;

namespace Tessera.World.Tests.Captions;

/// <summary>Every caption the world writes must parse back to its scene: the model is taught what the parser reads.</summary>
public sealed class CaptionRoundTripTests
{
    [Theory]
    [InlineData(ScenarioKind.Free)]
    [InlineData(ScenarioKind.Uniform)]
    [InlineData(ScenarioKind.Collision)]
    [InlineData(ScenarioKind.Parabola)]
    public void Every_phrasing_parses_back_to_the_scene(ScenarioKind kind)
    {
        var phrasings = 0;
        var chinese = 0;
        for (var seed = 0; seed < (kind == ScenarioKind.Free ? 250 : 40); seed++)
        {
            var sample = WorldScenes.Sample(kind, seed, new SceneFormat(32, 32, 8, 8));
            var d = sample.Scene.Description;
            Assert.True(sample.Captions.All.Count >= 6, "several phrasings per scene");
            foreach (var caption in sample.Captions.All)
            {
                phrasings++;
                if (caption.Any(c => c > 0x2E80)) chinese++;
                var m = PromptParser.Parse(caption);
                Assert.True(m.Understood, $"seed {seed}: \"{caption}\": {m.Explain()}");
                Assert.Equal(d.Objects.Count, m.Objects.Count);
                for (var i = 0; i < d.Objects.Count; i++)
                {
                    var (want, got) = (d.Objects[i], m.Objects[i]);
                    var why = $"seed {seed}: \"{caption}\" object {i}";
                    Assert.True(want.Color.Name == got.Color?.Name, why + " colour");
                    Assert.True(want.Shape == got.Shape, why + " shape");
                    Assert.True(want.Motion == got.Motion, why + $" motion {got.Motion}");
                    Assert.True(want.Direction == got.Direction, why + " direction");
                    Assert.True(want.Size == (got.Size ?? SizeClass.Medium), why + " size");
                    Assert.True(want.Speed == (got.Speed ?? SpeedClass.Normal), why + " speed");
                }
                Assert.True(d.Camera == (m.Camera ?? CameraMotion.None), $"seed {seed}: \"{caption}\" camera");
                if (m.BackgroundKind is { } bk) Assert.Equal(d.Background.Kind, bk);
                if (m.BackgroundTone is { } tone && d.Background.Kind == BackgroundKind.Plain) Assert.Equal(d.Background.Tone, tone);
            }
        }
        Assert.InRange(chinese, phrasings / 3, 2 * phrasings / 3);
    }
}
