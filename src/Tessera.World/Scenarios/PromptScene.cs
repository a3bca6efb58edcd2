using Tessera.Media;
using Tessera.World.Captions;
using Tessera.World.Scenes;

namespace Tessera.World.Scenarios;

/// <summary>Fills a parsed prompt out into a full scene description: what it does not say is drawn at random.</summary>
public static class PromptScene
{
    public const int MaxObjects = 4;

    public static SceneDescription Describe(PromptMeaning meaning, WorldRandom rng)
    {
        if (meaning.Objects.Count > MaxObjects)
            throw new TesseraError($"the prompt names {meaning.Objects.Count} objects; the world draws at most {MaxObjects}");
        var used = meaning.Objects.Where(o => o.Color is not null).Select(o => o.Color!).ToList();
        var free = Palette.ObjectColors.Where(c => !used.Contains(c)).ToList();
        var objects = new List<ObjectDescription>();
        foreach (var m in meaning.Objects)
        {
            NamedColor color;
            if (m.Color is not null) color = m.Color;
            else
            {
                color = free.Count > 0 ? free[rng.Next(free.Count)] : rng.Pick(Palette.ObjectColors);
                free.Remove(color);
            }
            var motion = m.Motion ?? (m.Direction is not null ? MotionKind.Move : MotionKind.Still);
            var direction = motion == MotionKind.Move ? m.Direction ?? (Direction)rng.Next(4) : (Direction?)null;
            if (motion == MotionKind.Collide && meaning.Objects.Count != 2)
                throw new TesseraError("'collide' needs exactly two objects, e.g. \"a red ball and a blue ball collide\"");
            objects.Add(new ObjectDescription(m.Shape ?? (ShapeKind)rng.Next(3), color, motion, direction,
                m.Size ?? SizeClass.Medium, m.Speed ?? SpeedClass.Normal));
        }
        var tone = meaning.BackgroundTone ?? (meaning.BackgroundKind is null ? Palette.White : rng.Pick(Palette.BackgroundTones));
        var background = new Background(meaning.BackgroundKind ?? BackgroundKind.Plain, tone);
        return new SceneDescription(objects, background, meaning.Camera ?? CameraMotion.None);
    }
}
