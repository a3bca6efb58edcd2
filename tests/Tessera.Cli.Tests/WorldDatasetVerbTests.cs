using Tessera.Media.Tests;

namespace Tessera.Cli.Tests;

public sealed class WorldDatasetVerbTests
{
    [Fact]
    public void TwoSliceOptionsAtOnceAreRefusedBeforeAnythingIsWritten()
    {
        using var dir = new TempFolder();
        var output = dir.File("data");
        var r = CliProcess.Run(["world", "dataset", "--scenario", "free", "--two-movers", "--mover-and-still", "--count", "2", "--out", output]);
        CliProcess.AssertCleanError(r, "--two-movers and --mover-and-still ask for different data sets");
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AMoverAndStillDataSetSaysSoInItsManifest()
    {
        using var dir = new TempFolder();
        WriteSlice("mover-and-still", 2, dir.File("data"));
    }

    [Fact]
    public void ACameraMoveDataSetHoldsStillObjectsUnderAMovingCameraAndSaysSo()
    {
        using var dir = new TempFolder();
        var output = dir.File("data");
        WriteSlice("camera-move", 4, output);
        var truths = Directory.GetFiles(Path.Combine(output, "shard-00000"), "*.json");
        Assert.Equal(4, truths.Length);
        foreach (var truth in truths)
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(truth));
            Assert.NotEqual("none", json.RootElement.GetProperty("camera").GetString());
            Assert.All(json.RootElement.GetProperty("objects").EnumerateArray(), o => Assert.Equal("still", o.GetProperty("motion").GetString()));
        }
    }

    /// <summary>Writes a small data set of one slice through the CLI and checks that its manifest names the slice.</summary>
    private static void WriteSlice(string slice, int count, string output)
    {
        var r = CliProcess.Run(["world", "dataset", "--scenario", "free", "--" + slice, "--count", count.ToString(), "--size", "32x32",
            "--frames", "5", "--format", "raw", "--workers", "1", "--out", output]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains($"\"mix\": \"{slice}\"", File.ReadAllText(Path.Combine(output, "dataset.json")));
    }
}
