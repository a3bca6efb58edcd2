using Tessera.Media;
using Tessera.World.Captions;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;
using Tessera.World.Truth;

namespace Tessera.World.Tests.Scenarios;

public sealed class WorldScenesTests
{
    [Theory]
    [InlineData(ScenarioKind.Free)]
    [InlineData(ScenarioKind.Collision)]
    public void Same_seed_gives_the_same_truth_bytes_and_another_seed_another_scene(ScenarioKind kind)
    {
        var a = TruthJson.Serialize(WorldScenes.Sample(kind, 42).Truth);
        var b = TruthJson.Serialize(WorldScenes.Sample(kind, 42).Truth);
        var c = TruthJson.Serialize(WorldScenes.Sample(kind, 43).Truth);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void PhyWorld_scenarios_use_the_papers_world_and_ranges()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var uniform = WorldScenes.Sample(ScenarioKind.Uniform, seed);
            Assert.Equal((128, 128, 32), (uniform.Scene.Width, uniform.Scene.Height, uniform.Scene.Frames));
            Assert.Equal(0.1, uniform.Scene.FrameInterval, 12);
            Assert.Equal(10, uniform.Scene.WorldWidth, 12);
            var ball = Assert.Single(uniform.Scene.Objects);
            Assert.InRange(ball.Radius, 0.7, 1.5);
            Assert.InRange(ball.Velocity.X, 1, 4);
            Assert.Equal((255, 0, 0), ((int)ball.Description.Color.R, (int)ball.Description.Color.G, (int)ball.Description.Color.B));

            var collision = WorldScenes.Sample(ScenarioKind.Collision, seed);
            Assert.Equal((0, 0, 255), ((int)collision.Scene.Objects[1].Description.Color.R, (int)collision.Scene.Objects[1].Description.Color.G, (int)collision.Scene.Objects[1].Description.Color.B));
            Assert.True(collision.Scene.Objects[0].Velocity.X > 0 && collision.Scene.Objects[1].Velocity.X < 0);
            Assert.Equal(collision.Scene.Objects[0].Start.Y, collision.Scene.Objects[1].Start.Y);

            var parabola = WorldScenes.Sample(ScenarioKind.Parabola, seed);
            Assert.Equal(-2.5, parabola.Scene.Gravity);

            var ood = WorldScenes.Sample(ScenarioKind.Uniform, seed, outOfDistribution: true).Scene.Objects[0];
            var radiusOut = ood.Radius is >= 0.3 and <= 0.6 or >= 1.5 and <= 2.0;
            var speedOut = ood.Velocity.X is >= 0 and <= 0.8 or >= 4.5 and <= 6.0;
            Assert.True(radiusOut || speedOut, $"seed {seed}: OOD draws radius or speed outside the training range");
            Assert.True(radiusOut || ood.Radius is >= 0.7 and <= 1.5);
        }
    }

    [Theory]
    [InlineData(64, 64)]
    [InlineData(36, 64)]
    [InlineData(64, 36)]
    [InlineData(32, 32)]
    public void Free_scenes_keep_every_object_whole_and_in_view(int width, int height)
    {
        for (var seed = 0; seed < 80; seed++)
        {
            var truth = WorldScenes.Sample(ScenarioKind.Free, seed, new SceneFormat(width, height, 16, 8)).Truth;
            Assert.All(truth.FrameStates, f => Assert.All(f.Objects, o => Assert.True(o.FullyInView, $"seed {seed} frame {f.Index}")));
            Assert.All(truth.FrameStates, f => Assert.All(f.Objects, o => Assert.True(o.ScreenRadius >= 3.5, "visible at this size")));
        }
    }

    [Fact]
    public void Any_start_hides_a_movers_direction_from_its_first_frame_and_keeps_its_motion()
    {
        // Kept in view, a mover starts on the side away from where it goes, so its first frame tells its
        // direction; with anyStart the start side says nothing, and the motion still follows the caption.
        int movers = 0, sideTells = 0, sideTellsAnyStart = 0, moversAnyStart = 0;
        for (var seed = 0; seed < 400; seed++)
        {
            foreach (var anyStart in new[] { false, true })
            {
                var sample = WorldScenes.Sample(ScenarioKind.Free, seed, new SceneFormat(64, 64, 17, 8), anyStart: anyStart);
                var first = sample.Truth.FrameStates[0];
                var last = sample.Truth.FrameStates[^1];
                for (var i = 0; i < sample.Scene.Objects.Count; i++)
                {
                    var o = sample.Scene.Objects[i].Description;
                    if (o.Motion != MotionKind.Move || !o.Direction!.Value.IsHorizontal() || sample.Scene.Description.Camera != CameraMotion.None) continue;
                    var right = o.Direction == Direction.Right;
                    Assert.True(right == last.Objects[i].ScreenX > first.Objects[i].ScreenX, $"seed {seed}: moves {o.Direction}");
                    var tells = right == first.Objects[i].ScreenX < 32;
                    if (anyStart) { moversAnyStart++; if (tells) sideTellsAnyStart++; }
                    else { movers++; if (tells) sideTells++; }
                }
                // Objects that do not move across the view stay whole and in view either way.
                for (var i = 0; i < sample.Scene.Objects.Count; i++)
                    if (sample.Scene.Objects[i].Description.Motion != MotionKind.Move)
                        Assert.All(sample.Truth.FrameStates, f => Assert.True(f.Objects[i].FullyInView, $"seed {seed} frame {f.Index}"));
            }
        }
        Assert.True(movers > 40 && moversAnyStart > 40, $"{movers} / {moversAnyStart} horizontal movers");
        Assert.InRange((double)sideTells / movers, 0.85, 1.0);
        Assert.InRange((double)sideTellsAnyStart / moversAnyStart, 0.35, 0.65);
    }

    /// <summary>Whether object <paramref name="index"/> ends the clip further along <paramref name="d"/> than it started.</summary>
    private static bool MovedItsWay(WorldSample sample, int index, Direction d)
    {
        var (first, last) = (sample.Truth.FrameStates[0].Objects[index], sample.Truth.FrameStates[^1].Objects[index]);
        return d switch
        {
            Direction.Right => last.ScreenX > first.ScreenX,
            Direction.Left => last.ScreenX < first.ScreenX,
            Direction.Down => last.ScreenY > first.ScreenY,
            _ => last.ScreenY < first.ScreenY,
        };
    }

    /// <summary>A scene of a two-object slice: two objects of different colours under a still camera.</summary>
    private static WorldSample TwoObjectScene(int seed, FreeSceneMix mix)
    {
        var sample = WorldScenes.Sample(ScenarioKind.Free, seed, new SceneFormat(64, 64, 17, 8), anyStart: seed % 2 == 0, mix: mix);
        var objects = sample.Scene.Description.Objects;
        Assert.Equal(2, objects.Count);
        Assert.NotEqual(objects[0].Color, objects[1].Color);
        Assert.Equal(CameraMotion.None, sample.Scene.Description.Camera);
        return sample;
    }

    /// <summary>What each of a two-object scene's captions (en and zh) says: understood, and naming two objects.</summary>
    private static IEnumerable<IReadOnlyList<ObjectMention>> TwoObjectCaptions(WorldSample sample, int seed)
    {
        foreach (var caption in sample.Captions.All)
        {
            var meaning = PromptParser.Parse(caption);
            Assert.True(meaning.Understood, $"seed {seed}: '{caption}': {meaning.Explain()}");
            Assert.Equal(2, meaning.Objects.Count);
            yield return meaning.Objects;
        }
    }

    [Fact]
    public void Lone_mover_scenes_hold_one_object_moving_its_way_under_a_still_camera_in_all_four_directions()
    {
        var directions = new Dictionary<Direction, int>();
        for (var seed = 0; seed < 200; seed++)
        {
            var sample = WorldScenes.Sample(ScenarioKind.Free, seed, new SceneFormat(64, 64, 17, 8), anyStart: true, mix: FreeSceneMix.LoneMover);
            var o = Assert.Single(sample.Scene.Description.Objects);
            Assert.Equal(MotionKind.Move, o.Motion);
            Assert.Equal(CameraMotion.None, sample.Scene.Description.Camera);
            var d = o.Direction!.Value;
            directions[d] = directions.GetValueOrDefault(d) + 1;
            Assert.True(MovedItsWay(sample, 0, d), $"seed {seed}: asked to move {d}");
        }
        Assert.Equal(4, directions.Count);
        Assert.All(directions.Values, n => Assert.InRange(n, 30, 70));
    }

    [Fact]
    public void Two_mover_scenes_hold_two_objects_each_moving_its_own_way_along_one_axis_and_say_which_goes_where()
    {
        var (opposite, same, horizontal) = (0, 0, 0);
        for (var seed = 0; seed < 200; seed++)
        {
            var sample = TwoObjectScene(seed, FreeSceneMix.TwoMovers);
            var objects = sample.Scene.Description.Objects;
            Assert.All(objects, o => Assert.Equal(MotionKind.Move, o.Motion));
            var (a, b) = (objects[0].Direction!.Value, objects[1].Direction!.Value);
            Assert.Equal(a.IsHorizontal(), b.IsHorizontal());
            if (a == b) same++; else opposite++;
            if (a.IsHorizontal()) horizontal++;
            for (var i = 0; i < 2; i++)
                Assert.True(MovedItsWay(sample, i, objects[i].Direction!.Value), $"seed {seed}: object {i} asked to move {objects[i].Direction}");

            // Every caption gives each object its own direction: what a model must learn to bind.
            foreach (var mentions in TwoObjectCaptions(sample, seed))
            foreach (var o in objects)
                Assert.Contains(mentions, m => m.Color == o.Color && m.Direction == o.Direction);
        }
        Assert.InRange(opposite, 70, 130);
        Assert.InRange(same, 70, 130);
        Assert.InRange(horizontal, 70, 130);
    }

    [Fact]
    public void Camera_move_scenes_hold_only_still_objects_under_a_moving_camera_and_their_captions_name_it()
    {
        var moves = new Dictionary<CameraMotion, int>();
        var (one, two) = (0, 0);
        for (var seed = 0; seed < 240; seed++)
        {
            var sample = WorldScenes.Sample(ScenarioKind.Free, seed, new SceneFormat(64, 64, 17, 8), mix: FreeSceneMix.StillUnderCamera);
            var d = sample.Scene.Description;
            Assert.All(d.Objects, o => Assert.Equal(MotionKind.Still, o.Motion));
            Assert.NotEqual(CameraMotion.None, d.Camera);
            moves[d.Camera] = moves.GetValueOrDefault(d.Camera) + 1;
            if (d.Objects.Count == 1) one++; else two++;
            // What the evaluator sees: under a pan every object crosses the screen against it.
            if (d.Camera.ApparentDirectionOfStill() is { } apparent)
                for (var i = 0; i < d.Objects.Count; i++)
                    Assert.True(MovedItsWay(sample, i, apparent), $"seed {seed}: object {i} under {d.Camera} should move {apparent} on screen");
            // Both languages name the camera move: it is the only motion the caption has to carry.
            Assert.True(new[] { "camera", "pan ", "zoom " }.Any(sample.Captions.English.Contains), $"seed {seed}: '{sample.Captions.English}'");
            Assert.True(new[] { "镜头", "相机" }.Any(sample.Captions.Chinese.Contains), $"seed {seed}: '{sample.Captions.Chinese}'");
        }
        Assert.Equal(6, moves.Count);
        Assert.All(moves.Values, n => Assert.InRange(n, 20, 60));
        Assert.InRange(one, 120, 170);
        Assert.True(two > 0);
    }

    [Fact]
    public void Mover_and_still_scenes_hold_one_moving_and_one_still_object_and_say_which_is_which()
    {
        var (firstMoves, moves, fallsOrBounces) = (0, 0, 0);
        for (var seed = 0; seed < 200; seed++)
        {
            var sample = TwoObjectScene(seed, FreeSceneMix.MoverAndStill);
            var objects = sample.Scene.Description.Objects;
            Assert.Single(objects, o => o.Motion == MotionKind.Still);
            var m = objects[0].Motion == MotionKind.Still ? 1 : 0;
            var s = 1 - m;
            var (still, mover) = (objects[s], objects[m]);
            if (m == 0) firstMoves++;
            var (a, b) = (sample.Truth.FrameStates[0].Objects[s], sample.Truth.FrameStates[^1].Objects[s]);
            Assert.True(Math.Abs(a.ScreenX - b.ScreenX) < 1e-6 && Math.Abs(a.ScreenY - b.ScreenY) < 1e-6, $"seed {seed}: the still object moved");
            if (mover.Motion == MotionKind.Move)
            {
                moves++;
                Assert.True(MovedItsWay(sample, m, mover.Direction!.Value), $"seed {seed}: the mover was asked to move {mover.Direction}");
            }
            else
            {
                fallsOrBounces++;
                Assert.Contains(mover.Motion, new[] { MotionKind.Fall, MotionKind.Bounce });
            }

            // Every caption puts the motion on the mover and stillness on the other: the binding a model must learn.
            foreach (var mentions in TwoObjectCaptions(sample, seed))
            {
                Assert.Contains(mentions, o => o.Color == still.Color && o.Motion == MotionKind.Still);
                Assert.Contains(mentions, o => o.Color == mover.Color && o.Motion == mover.Motion && o.Direction == mover.Direction);
            }
        }
        Assert.InRange(firstMoves, 70, 130);
        Assert.InRange(moves, 140, 180);
        Assert.InRange(fallsOrBounces, 20, 60);
    }

    [Fact]
    public void A_prompt_builds_the_scene_it_describes()
    {
        var sample = WorldScenes.FromPrompt("一个红色的球向右滚动，灰色背景", 1, new SceneFormat(64, 64, 16, 8));
        var o = Assert.Single(sample.Scene.Description.Objects);
        Assert.Equal((Palette.Red, ShapeKind.Ball, MotionKind.Move, Direction.Right), (o.Color, o.Shape, o.Motion, o.Direction!.Value));
        Assert.Equal(Palette.Grey, sample.Scene.Description.Background.Tone);
        Assert.True(sample.Truth.FrameStates[^1].Objects[0].X > sample.Truth.FrameStates[0].Objects[0].X);
    }

    [Theory]
    [InlineData("0x0", "out of range")]
    [InlineData("100000x64", "out of range")]
    [InlineData("64by64", "WIDTHxHEIGHT")]
    public void Bad_sizes_are_named(string size, string message)
    {
        var e = Assert.Throws<TesseraError>(() =>
        {
            var (w, h) = SceneFormat.ParseSize(size);
            new SceneFormat(w, h, 16, 8).Validate();
        });
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Unknown_scenarios_and_prompts_are_named()
    {
        Assert.Contains("unknown scenario 'pendulum'", Assert.Throws<TesseraError>(() => ScenarioNames.Parse("pendulum")).Message);
        var e = Assert.Throws<TesseraError>(() => WorldScenes.FromPrompt("a red spaceship", 0));
        Assert.Contains("'spaceship'", e.Message);
    }
}
