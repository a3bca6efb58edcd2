using Tessera.World.Physics;
using Tessera.World.Rendering;
using Tessera.World.Scenes;
using Tessera.World.Truth;

namespace Tessera.World.Scenarios;

/// <summary>
/// Turns a description into a placed, moving scene: sizes, start points, speeds, gravity and camera path chosen
/// so that every object stays fully in view and apart from the others for the whole clip. Candidates are drawn
/// at random and checked by simulating them exactly; a few hundred tries always suffice for sampled scenes, and
/// for unusual prompts the camera move and the sizes shrink until a layout fits.
/// With anyStart, a moving object starts anywhere in its lane and may leave the view: kept in view, an object that
/// moves right has to start on the left, so a first frame gives its direction away and a model trained only on such
/// clips learns to read direction from position and to ignore the words (measured: "moves to the left" and "moves
/// to the right" from one first frame gave the same motion).
/// </summary>
public static class FreeSceneLayout
{
    private const double Margin = 0.4;
    private const int Attempts = 300;

    public static double RadiusOf(SizeClass size) => size switch
    {
        SizeClass.Small => 1.3,
        SizeClass.Big => 2.0,
        _ => 1.6,
    };

    public static Scene Realize(SceneDescription description, SceneFormat format, long seed, WorldRandom rng, string scenario = "free", bool anyStart = false)
    {
        Scene? candidate = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // After a third of the tries, ease the camera; after two thirds, shrink the objects too.
            var cameraScale = attempt < Attempts / 3 ? 1.0 : 0.5;
            var radiusScale = attempt < 2 * Attempts / 3 ? 1.0 : 0.75;
            candidate = Place(description, format, seed, rng, scenario, cameraScale, radiusScale, anyStart);
            if (Fits(candidate, anyStart)) return candidate;
        }
        return candidate!;
    }

    private static Scene Place(SceneDescription d, SceneFormat format, long seed, WorldRandom rng, string scenario, double cameraScale, double radiusScale, bool anyStart)
    {
        var empty = new Scene(scenario, seed, format.Width, format.Height, format.Frames, format.Fps, d, [],
            new CameraPath(Vec2.Zero, Vec2.Zero));
        var (w, h) = (empty.WorldWidth, empty.WorldHeight);
        var center = empty.ViewCenter;
        var duration = Math.Max(empty.Duration, empty.FrameInterval);

        var camera = CameraFor(d.Camera, center, w, h, rng, cameraScale, d.Objects.Count);
        var (visibleW, visibleH, _) = VisibleRegion(camera, w, h);

        var regions = Regions(d, w, h, rng);
        var objects = new List<SceneObject>();
        double gravity = 0;
        var anyGravity = d.Objects.Any(o => o.Motion is MotionKind.Fall or MotionKind.Bounce);
        if (anyGravity) gravity = -rng.Uniform(6, 10); // replaced below to fit the clip's duration
        var gravityChosen = false;

        for (var i = 0; i < d.Objects.Count; i++)
        {
            var o = d.Objects[i];
            var r = RadiusOf(o.Size) * radiusScale;
            var (x0, y0, x1, y1) = regions[i];
            // Intersect with what the camera keeps in view throughout (pans and zooms narrow it).
            x0 = Math.Max(x0, visibleW.Min); x1 = Math.Min(x1, visibleW.Max);
            y0 = Math.Max(y0, visibleH.Min); y1 = Math.Min(y1, visibleH.Max);
            var lowX = x0 + Margin + r; var highX = x1 - Margin - r;
            var lowY = y0 + Margin + r; var highY = y1 - Margin - r;
            if (highX < lowX) highX = lowX = (x0 + x1) / 2;
            if (highY < lowY) highY = lowY = (y0 + y1) / 2;

            switch (o.Motion)
            {
                case MotionKind.Move:
                {
                    var horizontal = o.Direction!.Value.IsHorizontal();
                    var travel = horizontal ? highX - lowX : highY - lowY;
                    var fraction = o.Speed switch
                    {
                        SpeedClass.Slow => rng.Uniform(0.3, 0.45),
                        SpeedClass.Fast => rng.Uniform(0.85, 1.0),
                        _ => rng.Uniform(0.55, 0.75),
                    };
                    var distance = fraction * travel;
                    var speed = distance / duration;
                    var positive = o.Direction is Direction.Right or Direction.Up;
                    double x, y;
                    if (anyStart)
                    {
                        x = rng.Uniform(lowX, highX);
                        y = rng.Uniform(lowY, highY);
                    }
                    else if (horizontal)
                    {
                        x = positive ? rng.Uniform(lowX, highX - distance) : rng.Uniform(lowX + distance, highX);
                        y = rng.Uniform(lowY, highY);
                    }
                    else
                    {
                        x = rng.Uniform(lowX, highX);
                        y = positive ? rng.Uniform(lowY, highY - distance) : rng.Uniform(lowY + distance, highY);
                    }
                    var v = o.Direction switch
                    {
                        Direction.Right => new Vec2(speed, 0),
                        Direction.Left => new Vec2(-speed, 0),
                        Direction.Up => new Vec2(0, speed),
                        _ => new Vec2(0, -speed),
                    };
                    objects.Add(new SceneObject(o, r, new Vec2(x, y), v));
                    break;
                }
                case MotionKind.Collide:
                {
                    // A pair in one horizontal lane, closing in so they meet around a third of the way through.
                    if (i == 1 && objects.Count == 1 && d.Objects.Count == 2)
                    {
                        var first = objects[0];
                        var x = rng.Uniform(w / 2 + r, w - Margin - r);
                        var meet = rng.Uniform(0.3, 0.5) * duration;
                        var gap = x - r - (first.Start.X + first.Radius);
                        var closing = Math.Max(gap, 0.1) / meet;
                        var share = rng.Uniform(0.35, 0.65);
                        objects[0] = first with { Velocity = new Vec2(closing * share, 0) };
                        objects.Add(new SceneObject(o, r, new Vec2(x, first.Start.Y), new Vec2(-closing * (1 - share), 0)));
                    }
                    else
                    {
                        var y = rng.Uniform(Margin + 2.0, h - Margin - 2.0);
                        objects.Add(new SceneObject(o, r, new Vec2(rng.Uniform(Margin + r, w / 2 - r), y), new Vec2(1, 0)));
                    }
                    break;
                }
                case MotionKind.Fall or MotionKind.Bounce:
                {
                    var x = rng.Uniform(lowX, highX);
                    var y = highY - rng.Uniform(0, 0.15) * Math.Max(0, highY - lowY);
                    var drop = y - r; // the floor is the bottom of the view (y = 0)
                    if (!gravityChosen)
                    {
                        // One gravity for the scene, set so the first object lands early enough to be seen landing
                        // (and, for a bounce, rising again).
                        var landing = o.Motion == MotionKind.Fall ? rng.Uniform(0.45, 0.65) : rng.Uniform(0.3, 0.42);
                        gravity = -2 * Math.Max(drop, 0.5) / Math.Pow(landing * duration, 2);
                        gravityChosen = true;
                    }
                    var vx = 0.0;
                    if (o.Motion == MotionKind.Bounce && d.Objects.Count == 1 && rng.Chance(0.5))
                        vx = (rng.Chance(0.5) ? 1 : -1) * rng.Uniform(0.4, 1.0) * (w / duration);
                    var restitution = o.Motion == MotionKind.Fall ? 0 : rng.Uniform(0.72, 0.85);
                    objects.Add(new SceneObject(o, r, new Vec2(x, y), new Vec2(vx, 0), restitution, Falls: true));
                    break;
                }
                default:
                    objects.Add(new SceneObject(o, r, new Vec2(rng.Uniform(lowX, highX), rng.Uniform(lowY, highY)), Vec2.Zero));
                    break;
            }
        }
        return empty with
        {
            Objects = objects,
            Camera = camera,
            Gravity = anyGravity ? gravity : 0,
            Floor = anyGravity ? 0 : null,
            // Walls keep bounces in view; with anyStart they would turn a mover that leaves the view around.
            LeftWall = anyStart ? null : 0,
            RightWall = anyStart ? null : w,
            ObjectsCollide = d.Objects.Any(o => o.Motion == MotionKind.Collide),
        };
    }

    private static CameraPath CameraFor(CameraMotion motion, Vec2 center, double w, double h, WorldRandom rng, double scale, int count)
    {
        var amount = rng.Uniform(0.25, 0.35) * scale;
        var zoom = 1 + (count > 1 ? 0.35 : rng.Uniform(0.4, 0.6)) * scale;
        return motion switch
        {
            CameraMotion.PanLeft => new CameraPath(center, center + new Vec2(-amount * w, 0)),
            CameraMotion.PanRight => new CameraPath(center, center + new Vec2(amount * w, 0)),
            CameraMotion.PanUp => new CameraPath(center, center + new Vec2(0, amount * h)),
            CameraMotion.PanDown => new CameraPath(center, center + new Vec2(0, -amount * h)),
            CameraMotion.ZoomIn => new CameraPath(center, center, 1, zoom),
            CameraMotion.ZoomOut => new CameraPath(center, center, zoom, 1),
            _ => new CameraPath(center, center),
        };
    }

    /// <summary>The world rectangle that stays in view for the whole clip (for a still object).</summary>
    private static ((double Min, double Max) X, (double Min, double Max) Y, Vec2 Pan) VisibleRegion(CameraPath camera, double w, double h)
    {
        var zoom = Math.Max(camera.StartZoom, camera.EndZoom);
        var halfW = w / 2 / zoom;
        var halfH = h / 2 / zoom;
        var a = camera.StartCenter;
        var b = camera.EndCenter;
        return ((Math.Max(a.X, b.X) - halfW, Math.Min(a.X, b.X) + halfW),
                (Math.Max(a.Y, b.Y) - halfH, Math.Min(a.Y, b.Y) + halfH), b - a);
    }

    /// <summary>Each object's lane: the whole view for one object; halves across the shared motion axis for two.</summary>
    private static (double X0, double Y0, double X1, double Y1)[] Regions(SceneDescription d, double w, double h, WorldRandom rng)
    {
        var n = d.Objects.Count;
        var whole = (0.0, 0.0, w, h);
        if (n == 1) return [whole];
        var horizontalMotion = d.Objects.Any(o => o.Motion == MotionKind.Move && o.Direction!.Value.IsHorizontal())
                               || d.Camera is CameraMotion.PanLeft or CameraMotion.PanRight;
        var verticalMotion = d.Objects.Any(o => o.Motion is MotionKind.Fall or MotionKind.Bounce
                                                || (o.Motion == MotionKind.Move && !o.Direction!.Value.IsHorizontal()))
                             || d.Camera is CameraMotion.PanUp or CameraMotion.PanDown;
        if (d.Camera.IsZoom() || (horizontalMotion && verticalMotion) || n > 2 || d.Objects.Any(o => o.Motion == MotionKind.Collide))
            return Enumerable.Repeat(whole, n).ToArray();
        bool rows = horizontalMotion || (!verticalMotion && w <= h);
        var first = rng.Chance(0.5);
        var a = rows ? (0.0, h / 2, w, h) : (0.0, 0.0, w / 2, h);
        var b = rows ? (0.0, 0.0, w, h / 2) : (w / 2, 0.0, w, h);
        return first ? [a, b] : [b, a];
    }

    /// <summary>Every object fully in view in every frame (with anyStart: every object that is not moving across), and no two objects touching.</summary>
    private static bool Fits(Scene scene, bool anyStart)
    {
        var truth = GroundTruthBuilder.Build(scene, "", "");
        foreach (var f in truth.FrameStates)
        {
            for (var k = 0; k < f.Objects.Count; k++)
                if (!f.Objects[k].FullyInView && !(anyStart && scene.Objects[k].Description.Motion == MotionKind.Move)) return false;
            for (var i = 0; i < f.Objects.Count; i++)
            for (var j = i + 1; j < f.Objects.Count; j++)
            {
                var a = f.Objects[i];
                var b = f.Objects[j];
                // Squares reach their corners: compare boxes with a small gap.
                var gap = 0.15 * scene.PixelsPerUnit;
                if (Math.Abs(a.ScreenX - b.ScreenX) < a.ScreenRadius + b.ScreenRadius + gap &&
                    Math.Abs(a.ScreenY - b.ScreenY) < a.ScreenRadius + b.ScreenRadius + gap) return false;
            }
        }
        return true;
    }
}
