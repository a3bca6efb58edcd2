using System.Globalization;

namespace Tessera.Edit;

/// <summary>Formats numbers and escapes values for an ffmpeg filter graph script.</summary>
internal static class FilterText
{
    public static string Num(double d) => d.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>
    /// A value (a file path, a colour) made safe at both levels ffmpeg parses: the option level
    /// (\ ' : are special) and the graph level (\ ' [ ] , ; are special).
    /// </summary>
    public static string Value(string raw)
    {
        var option = raw.Replace(@"\", @"\\").Replace("'", @"\'").Replace(":", @"\:");
        return option.Replace(@"\", @"\\").Replace("'", @"\'").Replace("[", @"\[").Replace("]", @"\]")
            .Replace(",", @"\,").Replace(";", @"\;");
    }

    /// <summary>An expression: only its commas need escaping (expressions have no colons or quotes).</summary>
    public static string Expr(string expression) => expression.Replace(",", @"\,");
}
