using Tessera.World.Scenes;

namespace Tessera.World.Captions;

/// <summary>One object a prompt names; null fields were not stated.</summary>
public sealed record ObjectMention(
    NamedColor? Color = null,
    ShapeKind? Shape = null,
    SizeClass? Size = null,
    MotionKind? Motion = null,
    Direction? Direction = null,
    SpeedClass? Speed = null);

/// <summary>What a prompt asks for, in the world's terms, plus the words it could not place.</summary>
/// <param name="BackgroundKind">Plain, gradient or textured, if stated (a tone alone means plain).</param>
/// <param name="BackgroundTone">White, grey or black, if stated.</param>
/// <param name="Camera">The camera move, if stated.</param>
/// <param name="UnknownWords">Words outside the vocabulary, in prompt order.</param>
/// <param name="Problems">Known words used in a way the world cannot show (e.g. "a white ball").</param>
public sealed record PromptMeaning(
    string Prompt,
    IReadOnlyList<ObjectMention> Objects,
    BackgroundKind? BackgroundKind,
    NamedColor? BackgroundTone,
    CameraMotion? Camera,
    IReadOnlyList<string> UnknownWords,
    IReadOnlyList<string> Problems)
{
    /// <summary>Every word known, nothing contradictory, and at least one object.</summary>
    public bool Understood => UnknownWords.Count == 0 && Problems.Count == 0 && Objects.Count > 0;

    /// <summary>A one-line explanation of what was not understood (empty when understood).</summary>
    public string Explain()
    {
        var parts = new List<string>();
        if (UnknownWords.Count > 0)
            parts.Add($"words the world's vocabulary does not know: {string.Join(", ", UnknownWords.Select(w => $"'{w}'"))}");
        parts.AddRange(Problems);
        if (Objects.Count == 0 && Problems.Count == 0) parts.Add("it names no object (say e.g. \"a red ball\" or \"红色的球\")");
        return string.Join("; ", parts);
    }
}
