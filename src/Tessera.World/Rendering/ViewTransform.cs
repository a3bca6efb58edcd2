using Tessera.World.Physics;
using Tessera.World.Scenes;

namespace Tessera.World.Rendering;

/// <summary>World → screen at one moment: pixels per unit times zoom, camera centre at the frame centre, y flipped.</summary>
public readonly record struct ViewTransform(double Width, double Height, Vec2 Center, double Scale)
{
    public static ViewTransform At(Scene scene, double fraction) =>
        new(scene.Width, scene.Height, scene.Camera.Center(fraction), scene.PixelsPerUnit * scene.Camera.Zoom(fraction));

    public (double X, double Y) ToScreen(Vec2 world) =>
        (Width / 2 + (world.X - Center.X) * Scale, Height / 2 - (world.Y - Center.Y) * Scale);

    public Vec2 ToWorld(double x, double y) => new(Center.X + (x - Width / 2) / Scale, Center.Y - (y - Height / 2) / Scale);
}
