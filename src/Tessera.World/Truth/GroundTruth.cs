namespace Tessera.World.Truth;

/// <summary>An object as the scene defines it (constant over the clip).</summary>
/// <param name="Radius">Half height in world units.</param>
public sealed record TruthObject(int Id, string Shape, string Color, int[] Rgb, double Radius, string Motion, string? Direction, string Size, string Speed);

/// <summary>One object at one frame: world position and velocity, and where it lands on screen in pixels.</summary>
/// <param name="ScreenX">Centre x in pixels (pixel i spans [i, i+1)).</param>
/// <param name="ScreenY">Centre y in pixels, downwards.</param>
/// <param name="ScreenRadius">Half height in pixels (grows with zoom).</param>
/// <param name="FullyInView">The whole object is inside the frame.</param>
public sealed record TruthObjectState(int Id, double X, double Y, double Vx, double Vy, double ScreenX, double ScreenY, double ScreenRadius, bool FullyInView);

/// <summary>The camera at one frame: the world point at the frame's centre, and the zoom.</summary>
public sealed record TruthCamera(double X, double Y, double Zoom);

public sealed record TruthFrame(int Index, double Time, TruthCamera Camera, IReadOnlyList<TruthObjectState> Objects);

/// <summary>A physics event: "floor", "rest", "wall" or "collision" (with <see cref="Other"/>).</summary>
public sealed record TruthEvent(double Time, string Kind, int Object, int? Other);

/// <summary>
/// Exact ground truth of one rendered scene, written beside the video as JSON. Positions come from the closed
/// form of the motion at each frame's time, not from an integrator.
/// </summary>
public sealed record GroundTruth(
    string Format,
    string Scenario,
    long Seed,
    int Width,
    int Height,
    int Frames,
    double Fps,
    double WorldWidth,
    double WorldHeight,
    double PixelsPerUnit,
    double Gravity,
    bool OutOfDistribution,
    string Background,
    string Camera,
    string CaptionEn,
    string CaptionZh,
    IReadOnlyList<TruthObject> Objects,
    IReadOnlyList<TruthEvent> Events,
    IReadOnlyList<TruthFrame> FrameStates)
{
    public const string FormatName = "tessera-truth/1";
}
