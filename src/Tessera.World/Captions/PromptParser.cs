using Tessera.Media;
using Tessera.World.Scenes;

namespace Tessera.World.Captions;

/// <summary>
/// Reads a prompt in English, Chinese or a mix into a <see cref="PromptMeaning"/> with the world's vocabulary.
/// English is split into words; Chinese (no spaces) is segmented by longest match against the lexicon. Words
/// are then read left to right: adjectives and nouns build objects; verbs, directions and adverbs attach to the
/// objects named just before them; after "camera"/"镜头" (or a pan/zoom verb) they belong to the camera; a
/// colour right before "background"/"背景" is the background's. Unknown words are collected, never guessed.
/// </summary>
public static class PromptParser
{
    private sealed record Token(string Surface, IReadOnlyList<Concept>? Concepts);

    /// <summary>Parses a prompt; never throws. Check <see cref="PromptMeaning.Understood"/>.</summary>
    public static PromptMeaning Parse(string prompt)
    {
        var tokens = Tokenize(prompt ?? "");
        return new Reader(prompt ?? "", tokens).Read();
    }

    /// <summary>Parses a prompt or throws a TesseraError naming the words it did not know.</summary>
    public static PromptMeaning ParseOrThrow(string prompt, string where = "--prompt")
    {
        var meaning = Parse(prompt);
        if (!meaning.Understood)
            throw new TesseraError($"{where} \"{prompt}\" cannot be understood: {meaning.Explain()}. " +
                                   "The vocabulary is listed in docs/WORLD.md and by 'tessera world vocabulary'");
        return meaning;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is '-' or '_' or '"' or '\'' or '(' or ')' or '“' or '”' or '‘' or '’' or ':' or '：')
            {
                i++;
                continue;
            }
            if (IsAsciiWordChar(c))
            {
                var start = i;
                while (i < text.Length && (IsAsciiWordChar(text[i]) || (text[i] == '\'' && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1])))) i++;
                var word = text[start..i].ToLowerInvariant();
                var entry = Lexicon.LookupEnglish(word);
                tokens.Add(new Token(word, entry?.Concepts));
                continue;
            }
            if (c is ',' or '.' or ';' or '!' or '?')
            {
                tokens.Add(new Token(c.ToString(), [Concept.Separator]));
                i++;
                continue;
            }
            // Chinese (or other non-ASCII) run: greedy longest match; unmatched characters gather into one unknown word.
            var unknownStart = -1;
            while (i < text.Length && !IsAsciiWordChar(text[i]) && !char.IsWhiteSpace(text[i]) && text[i] is not (',' or '.' or ';' or '!' or '?' or '-' or '"' or '\''))
            {
                LexiconEntry? hit = null;
                for (var len = Math.Min(Lexicon.LongestChinese, text.Length - i); len >= 1 && hit is null; len--)
                    hit = Lexicon.LookupChinese(text.Substring(i, len));
                if (hit is null)
                {
                    if (unknownStart < 0) unknownStart = i;
                    i++;
                    continue;
                }
                if (unknownStart >= 0)
                {
                    tokens.Add(new Token(text[unknownStart..i], null));
                    unknownStart = -1;
                }
                tokens.Add(new Token(hit.Surface, hit.Concepts));
                i += hit.Surface.Length;
            }
            if (unknownStart >= 0) tokens.Add(new Token(text[unknownStart..i], null));
        }
        return tokens;
    }

    private static bool IsAsciiWordChar(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>The left-to-right reading of the tokens.</summary>
    private sealed class Reader(string prompt, List<Token> tokens)
    {
        private readonly List<ObjectMention> _objects = [];
        private readonly List<string> _unknown = [];
        private readonly List<string> _problems = [];
        private List<int> _motionTargets = [];
        private ObjectMention? _building;
        private int _count = 1;
        private bool _cameraMode;
        private bool _negated;
        private bool _afterZoom;
        private CameraMotion? _camera;
        private BackgroundKind? _backgroundKind;
        private NamedColor? _backgroundTone;
        private bool _backgroundNounSeen;

        public PromptMeaning Read()
        {
            var concepts = new List<(Token Token, Concept Concept)>();
            foreach (var t in tokens)
            {
                if (t.Concepts is null)
                {
                    if (!_unknown.Contains(t.Surface)) _unknown.Add(t.Surface);
                    continue;
                }
                foreach (var c in t.Concepts) concepts.Add((t, c));
            }
            for (var k = 0; k < concepts.Count; k++)
            {
                var (token, c) = concepts[k];
                var next = NextMeaningful(concepts, k + 1);
                Step(token, c, next);
            }
            Close();
            if (_afterZoom) _camera = CameraMotion.ZoomIn;
            return new PromptMeaning(prompt, _objects, _backgroundKind, _backgroundTone, _camera, _unknown, _problems);
        }

        private static Concept? NextMeaningful(List<(Token Token, Concept Concept)> concepts, int from)
        {
            for (var k = from; k < concepts.Count; k++)
                if (concepts[k].Concept.Kind != ConceptKind.Filler) return concepts[k].Concept;
            return null;
        }

        private void Step(Token token, Concept c, Concept? next)
        {
            if (_afterZoom && c.Kind != ConceptKind.InOut && c.Kind != ConceptKind.Filler)
            {
                _camera = CameraMotion.ZoomIn; // "the camera zooms" with no in/out: in
                _afterZoom = false;
            }
            switch (c.Kind)
            {
                case ConceptKind.Filler:
                    break;
                case ConceptKind.Separator:
                    Close();
                    _cameraMode = false;
                    break;
                case ConceptKind.Count:
                    Close();
                    _count = c.Value;
                    break;
                case ConceptKind.Size:
                    if (_building is { Shape: not null }) Close();
                    _building = (_building ?? new ObjectMention()) with { Size = (SizeClass)c.Value };
                    _cameraMode = false;
                    break;
                case ConceptKind.Color:
                {
                    var color = Palette.ObjectColors[c.Value];
                    if (next is { Kind: ConceptKind.BackgroundNoun } || next is { Kind: ConceptKind.BackgroundKind })
                    {
                        _problems.Add($"'{token.Surface}' backgrounds are not in the world: backgrounds are white, grey, black, gradient or textured");
                        break;
                    }
                    if (_building is { Color: not null } or { Shape: not null }) Close();
                    _building = (_building ?? new ObjectMention()) with { Color = color };
                    _cameraMode = false;
                    break;
                }
                case ConceptKind.Tone:
                {
                    var tone = Palette.BackgroundTones[c.Value];
                    if (next is { Kind: ConceptKind.BackgroundNoun or ConceptKind.BackgroundKind } || _backgroundNounSeen)
                    {
                        _backgroundTone = tone;
                        _backgroundNounSeen = false;
                    }
                    else _problems.Add($"'{token.Surface}' is a background tone, not an object colour: objects are red, orange, yellow, green, cyan, blue, purple or pink");
                    break;
                }
                case ConceptKind.BackgroundKind:
                    _backgroundKind = (BackgroundKind)c.Value;
                    break;
                case ConceptKind.BackgroundNoun:
                    // "background: grey" / "背景是灰色": a tone right after the noun is the background's too.
                    _backgroundNounSeen = true;
                    Close();
                    break;
                case ConceptKind.Shape:
                case ConceptKind.AnyShape:
                    if (_building is { Shape: not null }) Close();
                    _building = (_building ?? new ObjectMention()) with { Shape = c.Kind == ConceptKind.Shape ? (ShapeKind)c.Value : null };
                    _cameraMode = false;
                    break;
                case ConceptKind.Camera:
                    Close();
                    _cameraMode = true;
                    break;
                case ConceptKind.Pan:
                    Close();
                    _cameraMode = true;
                    break;
                case ConceptKind.Zoom:
                    Close();
                    _cameraMode = true;
                    _afterZoom = true;
                    break;
                case ConceptKind.InOut:
                    if (_afterZoom)
                    {
                        _camera = c.Value == 0 ? CameraMotion.ZoomIn : CameraMotion.ZoomOut;
                        _afterZoom = false;
                    }
                    break;
                case ConceptKind.ZoomIn:
                    Close();
                    _camera = CameraMotion.ZoomIn;
                    _cameraMode = true;
                    break;
                case ConceptKind.ZoomOut:
                    Close();
                    _camera = CameraMotion.ZoomOut;
                    _cameraMode = true;
                    break;
                case ConceptKind.Negation:
                    _negated = true;
                    break;
                case ConceptKind.Direction:
                    if (_cameraMode)
                    {
                        _camera = (Direction)c.Value switch
                        {
                            Direction.Left => CameraMotion.PanLeft,
                            Direction.Right => CameraMotion.PanRight,
                            Direction.Up => CameraMotion.PanUp,
                            _ => CameraMotion.PanDown,
                        };
                        break;
                    }
                    ApplyMotion(m => m.Motion is MotionKind.Fall or MotionKind.Bounce or MotionKind.Still
                        ? m // "falls down", "bounces up and down": the direction is part of the motion
                        : m with { Motion = MotionKind.Move, Direction = (Direction)c.Value });
                    break;
                case ConceptKind.Motion:
                {
                    var motion = (MotionKind)c.Value;
                    if (_negated && motion == MotionKind.Move) motion = MotionKind.Still;
                    _negated = false;
                    if (_cameraMode)
                    {
                        if (motion != MotionKind.Move) _problems.Add($"the camera cannot '{token.Surface}': it pans (left, right, up, down) or zooms (in, out)");
                        break;
                    }
                    ApplyMotion(m => motion == MotionKind.Move
                        ? (m.Motion is null ? m with { Motion = MotionKind.Move } : m)
                        : m with { Motion = motion, Direction = null });
                    break;
                }
                case ConceptKind.Speed:
                    if (_cameraMode) break;
                    ApplyMotion(m => m with { Speed = (SpeedClass)c.Value });
                    break;
            }
        }

        /// <summary>Applies a motion word to the objects named since the last motion (or, failing that, the last ones).</summary>
        private void ApplyMotion(Func<ObjectMention, ObjectMention> change)
        {
            Close();
            var fresh = new List<int>();
            for (var k = _objects.Count - 1; k >= 0 && !_motionTargets.Contains(k) && _objects[k].Motion is null && _objects[k].Speed is null; k--)
                fresh.Insert(0, k);
            if (fresh.Count > 0) _motionTargets = fresh;
            if (_motionTargets.Count == 0)
            {
                if (_objects.Count == 0) { _pendingMotion.Add(change); return; }
                _motionTargets = [_objects.Count - 1];
            }
            foreach (var k in _motionTargets) _objects[k] = change(_objects[k]);
        }

        /// <summary>Motion words that came before any object ("slowly moving right, a red ball").</summary>
        private readonly List<Func<ObjectMention, ObjectMention>> _pendingMotion = [];

        private void Close()
        {
            if (_building is null) return;
            var first = _objects.Count;
            for (var n = 0; n < _count; n++) _objects.Add(_building);
            if (_pendingMotion.Count > 0)
            {
                for (var k = first; k < _objects.Count; k++)
                    foreach (var change in _pendingMotion) _objects[k] = change(_objects[k]);
                _pendingMotion.Clear();
                _motionTargets = Enumerable.Range(first, _objects.Count - first).ToList();
            }
            _building = null;
            _count = 1;
        }
    }
}
