using Tessera.World.Scenes;

namespace Tessera.World.Captions;

/// <summary>What a word means to the world.</summary>
public enum ConceptKind
{
    /// <summary>An object colour (red, 红色).</summary>
    Color,
    /// <summary>A neutral tone, only for backgrounds (white, grey, black).</summary>
    Tone,
    /// <summary>A shape noun (ball, 方块).</summary>
    Shape,
    /// <summary>An object of any shape (object, thing).</summary>
    AnyShape,
    Size,
    Speed,
    Direction,
    /// <summary>Move, fall, bounce or stand still.</summary>
    Motion,
    /// <summary>Turns the next "move" into "still" (not moving, doesn't move).</summary>
    Negation,
    /// <summary>The camera noun (camera, 镜头): directions after it belong to the camera.</summary>
    Camera,
    /// <summary>A camera pan verb (pan, 平移).</summary>
    Pan,
    /// <summary>A zoom verb whose sense comes from "in"/"out" after it (zoom).</summary>
    Zoom,
    ZoomIn,
    ZoomOut,
    /// <summary>"in" or "out" (meaningful after zoom, filler otherwise).</summary>
    InOut,
    /// <summary>The background noun (background, 背景).</summary>
    BackgroundNoun,
    /// <summary>Gradient or textured.</summary>
    BackgroundKind,
    /// <summary>A number of objects (two, 两个).</summary>
    Count,
    /// <summary>Separates clauses (and, ",", 和, 同时).</summary>
    Separator,
    /// <summary>Known words that carry no meaning here (the, a, on, 的, 在).</summary>
    Filler,
}

/// <summary>One meaning of a word: a kind and a value (the enum member or colour index within that kind).</summary>
public readonly record struct Concept(ConceptKind Kind, int Value = 0)
{
    public static Concept Of(NamedColor c) => new(ConceptKind.Color, IndexOf(Palette.ObjectColors, c));
    public static Concept ToneOf(NamedColor c) => new(ConceptKind.Tone, IndexOf(Palette.BackgroundTones, c));
    public static Concept Of(ShapeKind s) => new(ConceptKind.Shape, (int)s);
    public static Concept Of(SizeClass s) => new(ConceptKind.Size, (int)s);
    public static Concept Of(SpeedClass s) => new(ConceptKind.Speed, (int)s);
    public static Concept Of(Direction d) => new(ConceptKind.Direction, (int)d);
    public static Concept Of(MotionKind m) => new(ConceptKind.Motion, (int)m);
    public static Concept Of(BackgroundKind b) => new(ConceptKind.BackgroundKind, (int)b);
    public static readonly Concept Filler = new(ConceptKind.Filler);
    public static readonly Concept Separator = new(ConceptKind.Separator);

    private static int IndexOf(IReadOnlyList<NamedColor> list, NamedColor c)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == c) return i;
        throw new ArgumentException($"{c.Name} is not in the palette");
    }
}
