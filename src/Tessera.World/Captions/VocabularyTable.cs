using System.Text;

namespace Tessera.World.Captions;

/// <summary>The lexicon as a markdown table, for docs/WORLD.md and `tessera world vocabulary`.</summary>
public static class VocabularyTable
{
    public static string Markdown()
    {
        var groups = Lexicon.English.Select(e => e.Group).Concat(Lexicon.Chinese.Select(e => e.Group)).Distinct().ToList();
        var sb = new StringBuilder();
        sb.AppendLine("| meaning | English | 中文 |");
        sb.AppendLine("| --- | --- | --- |");
        foreach (var g in groups)
        {
            var en = string.Join(", ", Lexicon.English.Where(e => e.Group == g).Select(e => e.Surface));
            var zh = string.Join("、", Lexicon.Chinese.Where(e => e.Group == g).Select(e => e.Surface));
            sb.AppendLine($"| {g} | {(en.Length == 0 ? "—" : en)} | {(zh.Length == 0 ? "—" : zh)} |");
        }
        return sb.ToString().TrimEnd();
    }
}
