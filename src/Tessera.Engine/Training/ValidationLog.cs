using System.Globalization;

namespace Tessera.Engine.Training;

/// <summary>
/// The held-out loss log (val.csv: step,val_loss,elapsed_s). On resume, rows after the checkpoint's step
/// are dropped so the log matches the run that continues.
/// </summary>
public sealed class ValidationLog(string path, long keepThroughStep)
{
    public const string Header = "step,val_loss,elapsed_s";
    private readonly List<string> _rows = Load(path, keepThroughStep);

    public void Add(long step, double loss, double elapsedSeconds)
    {
        _rows.Add(string.Create(CultureInfo.InvariantCulture, $"{step},{loss:0.000000},{elapsedSeconds:0.0}"));
        Media.AtomicFile.WriteAllText(path, string.Join('\n', [Header, .. _rows]) + "\n");
    }

    private static List<string> Load(string path, long keepThroughStep) =>
        !File.Exists(path) ? [] :
        File.ReadLines(path).Skip(1)
            .Where(line => line.Split(',') is [var s, _, _] && long.TryParse(s, CultureInfo.InvariantCulture, out var step) && step <= keepThroughStep)
            .ToList();
}
