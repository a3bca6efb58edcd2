using Tessera.World.Physics;

namespace Tessera.World.Scenes;

/// <summary>One object placed in the world: its description plus where it starts and how it moves.</summary>
/// <param name="Radius">Half the object's height in world units (a ball's radius; half a square's side).</param>
/// <param name="FloorRestitution">1 bounces without loss, 0 lands and rests.</param>
/// <param name="Falls">Gravity acts on it (falling and bouncing objects; not gliding or still ones).</param>
public sealed record SceneObject(ObjectDescription Description, double Radius, Vec2 Start, Vec2 Velocity, double FloorRestitution = 1, bool Falls = false);

/// <summary>
/// The camera over the clip: its centre moves and its zoom changes linearly in time. Zoom 1 shows the
/// whole initial view (WorldWidth × WorldHeight); zoom 2 shows half of it, twice as large.
/// </summary>
public sealed record CameraPath(Vec2 StartCenter, Vec2 EndCenter, double StartZoom = 1, double EndZoom = 1)
{
    public Vec2 Center(double fraction) => StartCenter + (EndCenter - StartCenter) * fraction;
    public double Zoom(double fraction) => StartZoom + (EndZoom - StartZoom) * fraction;
}

/// <summary>
/// A scene ready to simulate and render. World units: the shorter side of the frame spans 10 units (PhyWorld's
/// 10×10 world at 1:1), y points up, (0,0) is the bottom-left of the initial view.
/// </summary>
public sealed record Scene(
    string Scenario,
    long Seed,
    int Width,
    int Height,
    int Frames,
    double Fps,
    SceneDescription Description,
    IReadOnlyList<SceneObject> Objects,
    CameraPath Camera,
    double Gravity = 0,
    double? Floor = null,
    double? LeftWall = null,
    double? RightWall = null,
    bool ObjectsCollide = false,
    bool OutOfDistribution = false)
{
    /// <summary>The shorter side's length in world units.</summary>
    public const double ShortSide = 10;

    public double PixelsPerUnit => Math.Min(Width, Height) / ShortSide;
    public double WorldWidth => Width / PixelsPerUnit;
    public double WorldHeight => Height / PixelsPerUnit;
    public Vec2 ViewCenter => new(WorldWidth / 2, WorldHeight / 2);

    /// <summary>Seconds between frames.</summary>
    public double FrameInterval => 1 / Fps;

    /// <summary>Seconds from the first to the last frame.</summary>
    public double Duration => (Frames - 1) * FrameInterval;
}
