using System.Globalization;

namespace Tessera.Engine.Training;

/// <summary>One row of the loss log.</summary>
public sealed record LossRow(long Step, double Loss, double LearningRate, double SamplesPerSecond, double ElapsedSeconds);

/// <summary>
/// The CSV loss log (step,loss,lr,samples_per_s,elapsed_s). On resume, rows after the checkpoint's
/// step are dropped so the log matches the run that continues.
/// </summary>
public sealed class LossLog : IDisposable
{
    public const string Header = "step,loss,lr,samples_per_s,elapsed_s";
    private readonly StreamWriter _writer;

    public string Path { get; }
    public List<LossRow> Rows { get; }

    public LossLog(string path, long keepThroughStep)
    {
        Path = path;
        Rows = File.Exists(path) ? Read(path).Where(r => r.Step <= keepThroughStep).ToList() : [];
        var lines = new List<string> { Header };
        lines.AddRange(Rows.Select(Format));
        File.WriteAllLines(path, lines);
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public void Add(LossRow row)
    {
        Rows.Add(row);
        _writer.WriteLine(Format(row));
    }

    public static List<LossRow> Read(string path)
    {
        var rows = new List<LossRow>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var p = line.Split(',');
            if (p.Length < 5) continue;   // a half-written last line from a killed run
            try
            {
                rows.Add(new LossRow(long.Parse(p[0], CultureInfo.InvariantCulture), D(p[1]), D(p[2]), D(p[3]), D(p[4])));
            }
            catch (FormatException) { }
        }
        return rows;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string Format(LossRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Step},{r.Loss:0.######},{r.LearningRate:0.########},{r.SamplesPerSecond:0.###},{r.ElapsedSeconds:0.#}");

    public void Dispose() => _writer.Dispose();
}
