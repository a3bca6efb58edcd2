using System.Globalization;

namespace Tessera.Engine.Training;

/// <summary>One logged training interval.</summary>
public sealed record VaeLossRow(long Step, double Loss, double Mse, double Kl, double LearningRate, double SamplesPerSecond, double ElapsedSeconds, double? HeldOutPsnr);

/// <summary>
/// loss.csv: one row per log interval. On resume, rows past the checkpoint's step are dropped (they were
/// logged after the last checkpoint by the run that was stopped, and will be logged again).
/// </summary>
public sealed class VaeLossLog
{
    public const string Header = "step,loss,mse,kl,lr,samples_per_s,elapsed_s,heldout_psnr_db";
    private readonly string _path;
    private readonly List<VaeLossRow> _rows = [];

    public IReadOnlyList<VaeLossRow> Rows => _rows;

    public VaeLossLog(string path, long keepUpToStep)
    {
        _path = path;
        if (keepUpToStep > 0 && File.Exists(path))
            foreach (var line in File.ReadLines(path).Skip(1))
                if (Parse(line) is { } row && row.Step <= keepUpToStep) _rows.Add(row);
        Rewrite();
    }

    public void Add(VaeLossRow row)
    {
        _rows.Add(row);
        File.AppendAllText(_path, Format(row) + "\n");
    }

    /// <summary>Attaches a held-out PSNR to the last row (written at checkpoints).</summary>
    public void SetLastPsnr(double psnr)
    {
        if (_rows.Count == 0) return;
        _rows[^1] = _rows[^1] with { HeldOutPsnr = psnr };
        Rewrite();
    }

    private void Rewrite() =>
        Tessera.Media.AtomicFile.WriteAllText(_path, Header + "\n" + string.Concat(_rows.Select(r => Format(r) + "\n")));

    private static string Format(VaeLossRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Step},{r.Loss:G6},{r.Mse:G6},{r.Kl:G6},{r.LearningRate:G6},{r.SamplesPerSecond:F3},{r.ElapsedSeconds:F1},{(r.HeldOutPsnr is { } p ? p.ToString("F2", CultureInfo.InvariantCulture) : "")}");

    private static VaeLossRow? Parse(string line)
    {
        var f = line.Split(',');
        if (f.Length < 7) return null;
        var inv = CultureInfo.InvariantCulture;
        try
        {
            return new VaeLossRow(long.Parse(f[0], inv), double.Parse(f[1], inv), double.Parse(f[2], inv), double.Parse(f[3], inv),
                double.Parse(f[4], inv), double.Parse(f[5], inv), double.Parse(f[6], inv),
                f.Length > 7 && f[7].Length > 0 ? double.Parse(f[7], inv) : null);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
