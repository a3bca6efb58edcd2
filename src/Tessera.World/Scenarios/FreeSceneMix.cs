namespace Tessera.World.Scenarios;

/// <summary>
/// Which free scenes a data set holds. <see cref="Mixed"/> is the world's own mix (the held-out prompts come from
/// it); the others are training data aimed at what a model gets wrong, each a slice of that mix drawn on its own.
/// </summary>
public enum FreeSceneMix
{
    /// <summary>One or two objects, each moving, falling, bouncing or still; a camera move when nothing moves.</summary>
    Mixed,

    /// <summary>One object moving left, right, up or down, still camera: its caption is wrong without its direction word.</summary>
    LoneMover,

    /// <summary>
    /// Two objects that both move along one axis, each its own way, still camera: the caption is wrong unless each
    /// direction goes to the object it is written next to (the colour/shape/direction binding of two-object prompts).
    /// </summary>
    TwoMovers,

    /// <summary>
    /// Two objects, one moving (left, right, up, down, falling or bouncing) and one standing still, still camera: the
    /// caption is wrong unless the motion goes to the object it is written next to and the other one stays put.
    /// </summary>
    MoverAndStill,

    /// <summary>
    /// One or two objects standing still under a camera that pans (left, right, up, down) or zooms: on screen everything
    /// moves the opposite way to the pan, and the caption is wrong unless the model reads the camera words. The world's
    /// own mix moves the camera only when nothing else moves, so these scenes are rare there.
    /// </summary>
    StillUnderCamera,
}
