using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Tessera.Engine.Text;

/// <summary>A tokenized caption: embedding rows (start token first, padded with 0) and the words the model has never seen.</summary>
public sealed record TokenizedCaption(long[] Rows, IReadOnlyList<string> UnknownWords);

/// <summary>
/// Turns English and Chinese text into rows of the caption embedding table. Text is split by the
/// real cl100k_base BPE (the GPT-4 tokenizer, which covers both languages); its 100k ids are then mapped
/// to a compact vocabulary of the ids seen in training captions, so the embedding table stays small.
/// Ids outside that vocabulary become the unknown row and are reported as unknown words.
/// </summary>
public sealed class CaptionTokenizer
{
    public const long Padding = 0;
    public const long Start = 1;
    public const long Unknown = 2;
    private const int FirstWordRow = 3;

    private static readonly Lazy<Tokenizer> Bpe = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));
    private readonly Dictionary<int, int> _rowOfId;

    /// <summary>cl100k ids in row order (row = index + 3).</summary>
    public IReadOnlyList<int> VocabularyIds { get; }
    public int MaxTokens { get; }
    public int VocabularySize => FirstWordRow + VocabularyIds.Count;

    public CaptionTokenizer(IReadOnlyList<int> vocabularyIds, int maxTokens)
    {
        VocabularyIds = vocabularyIds;
        MaxTokens = maxTokens;
        _rowOfId = new Dictionary<int, int>(vocabularyIds.Count);
        for (var i = 0; i < vocabularyIds.Count; i++) _rowOfId[vocabularyIds[i]] = FirstWordRow + i;
    }

    /// <summary>The vocabulary of every BPE id in these captions, in first-seen order.</summary>
    public static CaptionTokenizer Build(IEnumerable<string> captions, int maxTokens)
    {
        var ids = new List<int>();
        var seen = new HashSet<int>();
        foreach (var caption in captions)
            foreach (var id in Bpe.Value.EncodeToIds(Normalize(caption)))
                if (seen.Add(id)) ids.Add(id);
        return new CaptionTokenizer(ids, maxTokens);
    }

    /// <summary>Lower-case, single spaces, trimmed: "A  Red ball" and "a red ball" are one caption.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Rows for a caption; an empty string gives the start token alone (the unconditional caption).</summary>
    public TokenizedCaption Encode(string text)
    {
        var rows = new long[MaxTokens];
        rows[0] = Start;
        var normalized = Normalize(text);
        if (normalized.Length == 0) return new TokenizedCaption(rows, []);
        var ids = Bpe.Value.EncodeToIds(normalized);
        var n = Math.Min(ids.Count, MaxTokens - 1);
        var anyUnknown = false;
        for (var i = 0; i < n; i++)
        {
            rows[i + 1] = _rowOfId.TryGetValue(ids[i], out var row) ? row : Unknown;
            anyUnknown |= rows[i + 1] == Unknown;
        }
        return new TokenizedCaption(rows, anyUnknown ? UnknownWords(normalized) : []);
    }

    /// <summary>Words (space-separated, or single CJK characters) with a BPE id outside the vocabulary.</summary>
    private List<string> UnknownWords(string normalized)
    {
        var unknown = new List<string>();
        foreach (var word in Words(normalized))
        {
            var ids = Bpe.Value.EncodeToIds(word);
            var spaced = Bpe.Value.EncodeToIds(" " + word);
            if (!ids.All(_rowOfId.ContainsKey) && !spaced.All(_rowOfId.ContainsKey) && !unknown.Contains(word)) unknown.Add(word);
        }
        return unknown;
    }

    private static IEnumerable<string> Words(string text)
    {
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var latin = new StringBuilder();
            foreach (var rune in token.EnumerateRunes())
            {
                if (IsCjk(rune))
                {
                    if (latin.Length > 0) { yield return latin.ToString(); latin.Clear(); }
                    yield return rune.ToString();
                }
                else if (Rune.IsLetterOrDigit(rune)) latin.Append(rune.ToString());
                else if (latin.Length > 0) { yield return latin.ToString(); latin.Clear(); }
            }
            if (latin.Length > 0) yield return latin.ToString();
        }
    }

    private static bool IsCjk(Rune r) => Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherLetter && r.Value >= 0x2E80;
}
