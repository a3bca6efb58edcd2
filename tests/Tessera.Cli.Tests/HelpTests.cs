namespace Tessera.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public void HelpListsEveryVerb()
    {
        var r = CliProcess.Run(["--help"]);
        Assert.Equal(0, r.ExitCode);
        foreach (var verb in new[] { "generate", "render", "world", "eval", "train", "serve", "worker", "keys", "bench", "probe" })
            Assert.Matches(@"(?m)^\s+" + verb + @"\b", r.Stdout);
    }

    [Fact]
    public void EachVerbHasItsOwnHelp()
    {
        var r = CliProcess.Run(["probe", "--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Stdout);
        Assert.Contains("--json", r.Stdout);
    }

    [Fact]
    public void UnknownVerbFailsWithoutAStackTrace()
    {
        var r = CliProcess.Run(["frobnicate"]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.DoesNotContain("   at ", r.Stderr + r.Stdout);
    }
}
