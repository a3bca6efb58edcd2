using Tessera.World.Physics;
using Tessera.World.Rendering;
using Tessera.World.Scenes;

namespace Tessera.World.Truth;

/// <summary>Simulates a scene exactly and records every object's state at every frame.</summary>
public static class GroundTruthBuilder
{
    public static GroundTruth Build(Scene scene, string captionEn, string captionZh)
    {
        var times = Enumerable.Range(0, scene.Frames).Select(i => i * scene.FrameInterval).ToArray();
        var setup = new PhysicsSetup(
            scene.Objects.Select(o => new Body(o.Radius, o.Radius * o.Radius, o.Start, o.Velocity, o.FloorRestitution, o.Falls)).ToArray(),
            scene.Gravity, scene.Floor, scene.LeftWall, scene.RightWall, scene.ObjectsCollide);
        var trajectory = EventDrivenSimulator.Run(setup, times);

        var frames = new List<TruthFrame>(scene.Frames);
        for (var f = 0; f < scene.Frames; f++)
        {
            var fraction = scene.Frames > 1 ? (double)f / (scene.Frames - 1) : 0;
            var view = ViewTransform.At(scene, fraction);
            var states = new List<TruthObjectState>(scene.Objects.Count);
            for (var i = 0; i < scene.Objects.Count; i++)
            {
                var s = trajectory.States[f][i];
                var (sx, sy) = view.ToScreen(s.Position);
                var sr = scene.Objects[i].Radius * view.Scale;
                var inView = sx - sr >= 0 && sx + sr <= scene.Width && sy - sr >= 0 && sy + sr <= scene.Height;
                states.Add(new TruthObjectState(i, s.Position.X, s.Position.Y, s.Velocity.X, s.Velocity.Y, sx, sy, sr, inView));
            }
            var c = scene.Camera.Center(fraction);
            frames.Add(new TruthFrame(f, times[f], new TruthCamera(c.X, c.Y, scene.Camera.Zoom(fraction)), states));
        }

        var objects = scene.Objects.Select((o, i) => new TruthObject(
            i, o.Description.Shape.Name(), o.Description.Color.Name,
            [o.Description.Color.R, o.Description.Color.G, o.Description.Color.B],
            o.Radius, o.Description.Motion.Name(), o.Description.Direction?.Name(),
            o.Description.Size.ToString().ToLowerInvariant(), o.Description.Speed.ToString().ToLowerInvariant())).ToArray();
        var events = trajectory.Events.Select(e => new TruthEvent(e.Time, e.Kind, e.Body, e.Other)).ToArray();

        return new GroundTruth(GroundTruth.FormatName, scene.Scenario, scene.Seed, scene.Width, scene.Height, scene.Frames,
            scene.Fps, scene.WorldWidth, scene.WorldHeight, scene.PixelsPerUnit, scene.Gravity, scene.OutOfDistribution,
            scene.Description.Background.Name, scene.Description.Camera.Name(), captionEn, captionZh, objects, events, frames);
    }
}
