using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Media;

namespace Tessera.Bench.Torch.Report;

/// <summary>Prints results as they come (so a killed run still shows what it measured) and writes the run as JSON.</summary>
public static class BenchReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void PrintHeader() =>
        Console.WriteLine($"{"device",-6} {"kind",-10} {"dtype",-5} {"seconds",10} {"cpu-s",9} {"GFLOP/s",10} {"tokens/s",10} {"loss",8}  shape");

    public static void Print(BenchResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var tokens = r.TokensPerSecond is { } t ? t.ToString("F0", c) : "-";
        var loss = r.FinalLoss is { } l ? l.ToString("F4", c) : "-";
        Console.WriteLine(string.Create(c,
            $"{r.Device,-6} {r.Kind,-10} {r.DType,-5} {r.SecondsEach,10:G4} {r.ProcessorSecondsEach,9:G4} {r.GflopPerSecond,10:F1} {tokens,10} {loss,8}  {r.Shape} (x{r.Repeats})"));
    }

    /// <summary>Checked before any timing, so a typo in the path does not cost a whole run.</summary>
    public static string CheckJsonPath(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
            throw new TesseraError($"--json {path}: folder {directory} does not exist; create it or choose another path");
        return path;
    }

    public static void WriteJson(string path, BenchRun run) =>
        AtomicFile.WriteAllText(CheckJsonPath(path), JsonSerializer.Serialize(run, Json) + "\n");
}
