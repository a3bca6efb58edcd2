using Tessera.World.Scenes;

namespace Tessera.World.Scenarios;

/// <summary>
/// Draws random scene descriptions for the "free" scenario: 1–2 objects of different colours, each with a
/// motion, a background, and a camera move when nothing else moves. Two objects always move along the same
/// axis (or stand still), so each keeps its own lane and the evaluator sees them apart.
/// </summary>
public static class FreeSceneSampler
{
    /// <param name="mix">Which scenes: the world's own mix, or one of the slices aimed at direction words (<see cref="FreeSceneMix"/>).</param>
    public static SceneDescription Sample(WorldRandom rng, FreeSceneMix mix = FreeSceneMix.Mixed)
    {
        var count = mix switch { FreeSceneMix.LoneMover => 1, FreeSceneMix.TwoMovers or FreeSceneMix.MoverAndStill => 2, _ => rng.Chance(0.6) ? 1 : 2 };
        // Which of the two objects moves, for mover-and-still scenes: the first named as often as the second.
        var mover = mix == FreeSceneMix.MoverAndStill ? rng.Next(2) : -1;
        // The lane axis all movers share (null: not chosen yet). Two movers draw it first, so that horizontal and
        // vertical pairs come equally often.
        bool? horizontal = mix == FreeSceneMix.TwoMovers ? rng.Chance(0.5) : null;
        var colors = Palette.ObjectColors.ToList();
        var objects = new List<ObjectDescription>();
        for (var i = 0; i < count; i++)
        {
            var color = colors[rng.Next(colors.Count)];
            colors.Remove(color);
            var (motion, direction) = mix switch
            {
                FreeSceneMix.LoneMover => (MotionKind.Move, (Direction?)(Direction)rng.Next(4)),
                FreeSceneMix.TwoMovers => (MotionKind.Move, (Direction?)AlongAxis(horizontal!.Value, rng.Chance(0.5))),
                FreeSceneMix.MoverAndStill => i == mover ? SampleMover(rng) : (MotionKind.Still, null),
                FreeSceneMix.StillUnderCamera => (MotionKind.Still, null),
                _ => SampleMotion(rng, horizontal),
            };
            if (motion == MotionKind.Move) horizontal ??= direction!.Value.IsHorizontal();
            else if (motion is MotionKind.Fall or MotionKind.Bounce) horizontal ??= false;
            var size = rng.Next(4) switch { 0 => SizeClass.Small, 1 => SizeClass.Big, _ => SizeClass.Medium };
            var speed = motion != MotionKind.Move ? SpeedClass.Normal : rng.Next(4) switch { 0 => SpeedClass.Slow, 1 => SpeedClass.Fast, _ => SpeedClass.Normal };
            objects.Add(new ObjectDescription((ShapeKind)rng.Next(3), color, motion, direction, size, speed));
        }

        var camera = CameraMotion.None;
        // The world's mix moves the camera in 70 % of the scenes where nothing moves; the camera-move slice always does
        // (its objects are all still). The order of draws for the other mixes is unchanged, so their data sets are too.
        if (objects.All(o => o.Motion == MotionKind.Still) && (mix == FreeSceneMix.StillUnderCamera || rng.Chance(0.7)))
            camera = (CameraMotion)(1 + rng.Next(6));
        if (camera.IsZoom() && count == 2)
            objects = objects.Select(o => o with { Size = SizeClass.Small }).ToList();

        var background = rng.Next(4) switch
        {
            0 => new Background(BackgroundKind.Gradient, rng.Pick(Palette.BackgroundTones)),
            1 => new Background(BackgroundKind.Textured, rng.Pick(Palette.BackgroundTones)),
            _ => new Background(BackgroundKind.Plain, rng.Pick(Palette.BackgroundTones)),
        };
        return new SceneDescription(objects, background, camera);
    }

    private static Direction AlongAxis(bool horizontal, bool positive) =>
        horizontal ? (positive ? Direction.Right : Direction.Left) : (positive ? Direction.Down : Direction.Up);

    /// <summary>The moving object of a mover-and-still scene: a move in one of the four directions, or a fall or bounce.</summary>
    private static (MotionKind, Direction?) SampleMover(WorldRandom rng) => rng.NextDouble() switch
    {
        < 0.8 => (MotionKind.Move, (Direction)rng.Next(4)),
        < 0.9 => (MotionKind.Fall, null),
        _ => (MotionKind.Bounce, null),
    };

    /// <summary>A motion compatible with the lane axis chosen so far (null: any).</summary>
    private static (MotionKind, Direction?) SampleMotion(WorldRandom rng, bool? horizontal)
    {
        while (true)
        {
            var roll = rng.NextDouble();
            (MotionKind, Direction?) m = roll switch
            {
                < 0.55 => (MotionKind.Move, (Direction)rng.Next(4)),
                < 0.67 => (MotionKind.Fall, null),
                < 0.79 => (MotionKind.Bounce, null),
                _ => (MotionKind.Still, null),
            };
            var axisHorizontal = m.Item1 switch
            {
                MotionKind.Move => m.Item2!.Value.IsHorizontal(),
                MotionKind.Still => (bool?)null,
                _ => false,
            };
            if (horizontal is null || axisHorizontal is null || axisHorizontal == horizontal) return m;
        }
    }
}
