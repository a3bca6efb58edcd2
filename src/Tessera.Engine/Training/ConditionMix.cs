using System.Globalization;
using Tessera.Engine.Conditioning;

namespace Tessera.Engine.Training;

/// <summary>
/// How often each frame condition is drawn during training. The default mix teaches one model every
/// mode; a focused mix (e.g. only <c>context</c> for the PhyWorld video-prediction protocol) spends the
/// whole budget on one task.
/// </summary>
/// <param name="None">Weight of text-to-video (no frame given).</param>
/// <param name="First">Weight of image-to-video (first frame given).</param>
/// <param name="FirstAndLast">Weight of first + last frame transitions.</param>
/// <param name="Context">Weight of video prediction from the first context frames.</param>
public sealed record ConditionMix(double None, double First, double FirstAndLast, double Context)
{
    /// <summary>none 40 %, first frame 25 %, first + last 15 %, context 20 %.</summary>
    public static ConditionMix Default { get; } = new(40, 25, 15, 20);

    public const string Syntax = "none:W,first:W,first-last:W,context:W (weights; a name alone means weight 1, e.g. \"context\")";

    private double Total => None + First + FirstAndLast + Context;

    /// <summary>One draw (a single uniform number, so the default mix reproduces earlier runs' data order).</summary>
    public ConditionMode Draw(Random rng)
    {
        var u = rng.NextDouble() * Total;
        if (u < None) return ConditionMode.None;
        if (u < None + First) return ConditionMode.FirstFrame;
        if (u < None + First + FirstAndLast) return ConditionMode.FirstAndLast;
        return ConditionMode.Context;
    }

    /// <summary>Parses <see cref="Syntax"/>; throws <see cref="FormatException"/> naming the bad part.</summary>
    public static ConditionMix Parse(string text)
    {
        double none = 0, first = 0, firstLast = 0, context = 0;
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = raw.Split(':', 2, StringSplitOptions.TrimEntries);
            var weight = 1.0;
            if (parts.Length == 2 && (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !(weight >= 0) || double.IsInfinity(weight)))
                throw new FormatException($"'{raw}': the weight must be a number ≥ 0");
            switch (parts[0].ToLowerInvariant())
            {
                case "none": none = weight; break;
                case "first": first = weight; break;
                case "first-last": firstLast = weight; break;
                case "context": context = weight; break;
                default: throw new FormatException($"'{parts[0]}' is not a condition; use none, first, first-last or context");
            }
        }
        var mix = new ConditionMix(none, first, firstLast, context);
        if (!(mix.Total > 0)) throw new FormatException($"'{text}' gives no condition a weight above 0");
        return mix;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"none:{None},first:{First},first-last:{FirstAndLast},context:{Context}");
}
