using Tessera.World.Physics;
using Tessera.World.Scenes;

namespace Tessera.World.Scenarios;

/// <summary>
/// The three scenarios of "How Far is Video Generation from World Model: A Physical Law Perspective"
/// (Kang et al. 2024): a 10×10 world, white background, ball 1 red (255,0,0), ball 2 blue (0,0,255),
/// restitution 1, mass ∝ r². In-distribution radius 0.7–1.5 and speed 1–4; out of distribution radius
/// 0.3–0.6 ∪ 1.5–2.0 and speed 0–0.8 ∪ 4.5–6.0 (with --ood one or both of them is drawn outside, as the paper's
/// OOD levels do). Start positions follow the paper's generators, so the ball stays in view long enough.
/// </summary>
public static class PhyWorldScenario
{
    public const double World = 10;
    public const double ParabolaGravity = -2.5;
    private const double Eps = 0.05;

    public static (double Min, double Max) InRadius => (0.7, 1.5);
    public static (double Min, double Max) InSpeed => (1.0, 4.0);

    public static Scene Sample(ScenarioKind kind, long seed, SceneFormat format, bool outOfDistribution, WorldRandom rng)
    {
        var fix = new Scene(kind.Name(), seed, format.Width, format.Height, format.Frames, format.Fps,
            new SceneDescription([], Background.PlainWhite, CameraMotion.None), [], new CameraPath(Vec2.Zero, Vec2.Zero));
        var center = fix.ViewCenter;
        var camera = new CameraPath(center, center);
        // Frames ≥ 24 of 32 should keep the ball in view (the paper's NUM_MIN_FRAMES), scaled to this clip length.
        var minFrames = Math.Max(1, format.Frames * 24 / 32);
        var dt = fix.FrameInterval;
        var (level1, level2) = OodLevels(outOfDistribution, rng);

        switch (kind)
        {
            case ScenarioKind.Uniform:
            {
                var r = Radius(level1, rng);
                var v = Speed(level2, rng);
                var x = StartX(r, v, minFrames, dt, rng);
                var y = rng.Uniform(r + Eps * World, (1 - Eps) * World - r);
                var motion = v * fix.Duration < 0.8 ? MotionKind.Still : MotionKind.Move;
                var ball = new ObjectDescription(ShapeKind.Ball, Palette.PhyRed, motion, motion == MotionKind.Move ? Direction.Right : null);
                return fix with
                {
                    Description = fix.Description with { Objects = [ball] },
                    Objects = [new SceneObject(ball, r, new Vec2(x, y), new Vec2(v, 0))],
                    Camera = camera,
                    OutOfDistribution = outOfDistribution,
                };
            }
            case ScenarioKind.Parabola:
            {
                var r = Radius(level1, rng);
                var v = Speed(level2, rng);
                var x = StartX(r, v, minFrames, dt, rng);
                var y = rng.Uniform((1 - Eps) * World - r - 1.0, (1 - Eps) * World - r);
                var ball = new ObjectDescription(ShapeKind.Ball, Palette.PhyRed, MotionKind.Fall);
                return fix with
                {
                    Description = fix.Description with { Objects = [ball] },
                    Objects = [new SceneObject(ball, r, new Vec2(x, y), new Vec2(v, 0), Falls: true)],
                    Camera = camera,
                    Gravity = ParabolaGravity,
                    OutOfDistribution = outOfDistribution,
                };
            }
            default:
            {
                // OOD levels for a pair: red's radius, red's speed, or both.
                var r1 = Radius(level1, rng);
                var r2 = Radius(false, rng);
                var v1 = Speed(level2, rng);
                var v2 = Speed(false, rng);
                const int minPre = 4, minPost = 8;
                var closing = (v1 + v2) * dt;
                var minDist = minPre * closing + r1 + r2;
                var maxDist = Math.Min((format.Frames - minPost) * closing + r1 + r2, World - r1 - r2);
                var dist = maxDist > minDist ? rng.Uniform(minDist, maxDist) : Math.Min(minDist, World - r1 - r2);
                var x1 = Math.Max(rng.Uniform(r1, Math.Max(r1, World - r2 - dist)), r1);
                var x2 = Math.Min(x1 + dist, World - r2);
                var maxR = Math.Max(r1, r2);
                var y = rng.Uniform(maxR + Eps * World, (1 - Eps) * World - maxR);
                var red = new ObjectDescription(ShapeKind.Ball, Palette.PhyRed, MotionKind.Collide);
                var blue = new ObjectDescription(ShapeKind.Ball, Palette.PhyBlue, MotionKind.Collide);
                return fix with
                {
                    Description = fix.Description with { Objects = [red, blue] },
                    Objects = [new SceneObject(red, r1, new Vec2(x1, y), new Vec2(v1, 0)), new SceneObject(blue, r2, new Vec2(x2, y), new Vec2(-v2, 0))],
                    Camera = camera,
                    ObjectsCollide = true,
                    OutOfDistribution = outOfDistribution,
                };
            }
        }
    }

    /// <summary>Which of (radius, speed) is drawn out of distribution: the paper's levels 1, 2 and 3.</summary>
    private static (bool Radius, bool Speed) OodLevels(bool ood, WorldRandom rng) => !ood ? (false, false) : rng.Next(3) switch
    {
        0 => (true, false),
        1 => (false, true),
        _ => (true, true),
    };

    public static double Radius(bool ood, WorldRandom rng) =>
        !ood ? rng.Uniform(InRadius.Min, InRadius.Max) : rng.Chance(0.5) ? rng.Uniform(0.3, 0.6) : rng.Uniform(1.5, 2.0);

    public static double Speed(bool ood, WorldRandom rng) =>
        !ood ? rng.Uniform(InSpeed.Min, InSpeed.Max) : rng.Chance(0.5) ? rng.Uniform(0.0, 0.8) : rng.Uniform(4.5, 6.0);

    /// <summary>The paper's start: far enough left that the ball stays in view for most of the clip.</summary>
    private static double StartX(double r, double v, int minFrames, double dt, WorldRandom rng)
    {
        var maxInit = World - (minFrames * v * dt + r);
        if (maxInit < r) maxInit = r + rng.Uniform(0, 0.5);
        return rng.Uniform(r, maxInit);
    }
}
