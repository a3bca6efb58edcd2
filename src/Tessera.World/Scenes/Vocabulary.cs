namespace Tessera.World.Scenes;

/// <summary>The shapes the world draws. Objects never rotate, so each keeps a shape the evaluator can measure.</summary>
public enum ShapeKind { Ball, Square, Triangle }

/// <summary>How one object moves on its own (the camera is separate).</summary>
public enum MotionKind
{
    /// <summary>Constant velocity in a <see cref="Direction"/>.</summary>
    Move,
    /// <summary>Drops under gravity and comes to rest on the floor.</summary>
    Fall,
    /// <summary>Drops under gravity and bounces on the floor (and walls).</summary>
    Bounce,
    /// <summary>Does not move.</summary>
    Still,
    /// <summary>Two objects move towards each other and collide elastically (said of a pair).</summary>
    Collide,
}

/// <summary>Screen directions, as a viewer reads them.</summary>
public enum Direction { Left, Right, Up, Down }

/// <summary>What the camera does over the clip.</summary>
public enum CameraMotion { None, PanLeft, PanRight, PanUp, PanDown, ZoomIn, ZoomOut }

/// <summary>Named sizes; captions say "small" or "big" only for those two.</summary>
public enum SizeClass { Medium, Small, Big }

/// <summary>Named speeds for <see cref="MotionKind.Move"/>; captions say "slowly" or "quickly" only for those two.</summary>
public enum SpeedClass { Normal, Slow, Fast }

public enum BackgroundKind { Plain, Gradient, Textured }

public static class VocabularyNames
{
    public static string Name(this ShapeKind s) => s switch
    {
        ShapeKind.Ball => "ball",
        ShapeKind.Square => "square",
        _ => "triangle",
    };

    public static string Name(this Direction d) => d.ToString().ToLowerInvariant();

    public static string Name(this MotionKind m) => m.ToString().ToLowerInvariant();

    public static string Name(this CameraMotion c) => c switch
    {
        CameraMotion.PanLeft => "pan-left",
        CameraMotion.PanRight => "pan-right",
        CameraMotion.PanUp => "pan-up",
        CameraMotion.PanDown => "pan-down",
        CameraMotion.ZoomIn => "zoom-in",
        CameraMotion.ZoomOut => "zoom-out",
        _ => "none",
    };

    public static Direction Opposite(this Direction d) => d switch
    {
        Direction.Left => Direction.Right,
        Direction.Right => Direction.Left,
        Direction.Up => Direction.Down,
        _ => Direction.Up,
    };

    public static bool IsHorizontal(this Direction d) => d is Direction.Left or Direction.Right;

    /// <summary>The screen direction a still object appears to move in while the camera pans.</summary>
    public static Direction? ApparentDirectionOfStill(this CameraMotion c) => c switch
    {
        CameraMotion.PanLeft => Direction.Right,
        CameraMotion.PanRight => Direction.Left,
        CameraMotion.PanUp => Direction.Down,
        CameraMotion.PanDown => Direction.Up,
        _ => null,
    };

    public static bool IsPan(this CameraMotion c) => c is CameraMotion.PanLeft or CameraMotion.PanRight or CameraMotion.PanUp or CameraMotion.PanDown;
    public static bool IsZoom(this CameraMotion c) => c is CameraMotion.ZoomIn or CameraMotion.ZoomOut;
}
