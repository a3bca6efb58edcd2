namespace Tessera.World.Scenes;

/// <summary>One object as a caption states it: what the evaluator can check from pixels.</summary>
public sealed record ObjectDescription(
    ShapeKind Shape,
    NamedColor Color,
    MotionKind Motion,
    Direction? Direction = null,
    SizeClass Size = SizeClass.Medium,
    SpeedClass Speed = SpeedClass.Normal);

/// <summary>The background: a plain tone, a neutral gradient, or a neutral textured pattern.</summary>
public sealed record Background(BackgroundKind Kind, NamedColor Tone)
{
    public static readonly Background PlainWhite = new(BackgroundKind.Plain, Palette.White);

    public string Name => Kind switch
    {
        BackgroundKind.Plain => Tone.Name,
        BackgroundKind.Gradient => "gradient",
        _ => "textured",
    };
}

/// <summary>A scene at the level of meaning: the objects, the background and the camera, with no coordinates.</summary>
public sealed record SceneDescription(IReadOnlyList<ObjectDescription> Objects, Background Background, CameraMotion Camera);
