using Tessera.Engine.Conditioning;
using Tessera.Engine.Training;

namespace Tessera.Engine.Tests.Training;

public sealed class ConditionMixTests
{
    [Fact]
    public void A_name_alone_draws_only_that_condition()
    {
        var mix = ConditionMix.Parse("context");
        var rng = new Random(1);
        Assert.All(Enumerable.Range(0, 200).Select(_ => mix.Draw(rng)), m => Assert.Equal(ConditionMode.Context, m));
    }

    [Fact]
    public void Weights_set_the_share_of_each_condition()
    {
        var mix = ConditionMix.Parse("none:1, first-last:3");
        var rng = new Random(2);
        var draws = Enumerable.Range(0, 4000).Select(_ => mix.Draw(rng)).ToList();
        Assert.DoesNotContain(ConditionMode.FirstFrame, draws);
        Assert.DoesNotContain(ConditionMode.Context, draws);
        Assert.InRange(draws.Count(m => m == ConditionMode.FirstAndLast) / 4000.0, 0.72, 0.78);
    }

    [Fact]
    public void The_default_mix_draws_as_earlier_runs_did()
    {
        // Resumed runs from before the option existed must see the same conditions for the same seed.
        var rng = new Random(3);
        var check = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var u = check.NextDouble();
            var expected = u < 0.40 ? ConditionMode.None : u < 0.65 ? ConditionMode.FirstFrame : u < 0.80 ? ConditionMode.FirstAndLast : ConditionMode.Context;
            Assert.Equal(expected, ConditionMix.Default.Draw(rng));
        }
    }

    [Theory]
    [InlineData("sideways", "'sideways' is not a condition")]
    [InlineData("context:-1", "the weight must be a number ≥ 0")]
    [InlineData("none:0", "gives no condition a weight above 0")]
    public void Bad_mixes_are_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ConditionMix.Parse(text));
        Assert.Contains(reason, error.Message);
    }
}
