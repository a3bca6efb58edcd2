using System.CommandLine;
using Tessera.Media;
using Tessera.Studio.Backends;
using Tessera.Studio.Workers;

namespace Tessera.Cli.Verbs;

/// <summary>--workers, --backend and --lease-seconds: how jobs run (serve and worker).</summary>
public sealed class WorkerOptionsFlags(int defaultWorkers)
{
    public Option<int> Workers { get; } = new("--workers")
    {
        Description = "Job worker loops in this process",
        DefaultValueFactory = _ => defaultWorkers,
    };
    public Option<string> Backend { get; } = new("--backend")
    {
        Description = $"What runs jobs: {BackendCatalog.Engine} (the model and the editor) or {BackendCatalog.TestPattern} (flat-colour clips, for queue tests)",
        DefaultValueFactory = _ => BackendCatalog.Default,
    };
    public Option<double> LeaseSeconds { get; } = new("--lease-seconds")
    {
        Description = "How long a job stays claimed without a heartbeat: a crashed worker's job runs again this much later",
        DefaultValueFactory = _ => WorkerOptions.Default.LeaseDuration.TotalSeconds,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Workers);
        command.Options.Add(Backend);
        command.Options.Add(LeaseSeconds);
    }

    public WorkerOptions Read(ParseResult parse, int minWorkers)
    {
        var workers = parse.GetValue(Workers);
        if (workers < minWorkers || workers > 64) throw new TesseraError($"--workers must be in {minWorkers}..64, got {workers}");
        var lease = parse.GetValue(LeaseSeconds);
        if (!(lease >= 1 && lease <= 3600)) throw new TesseraError($"--lease-seconds must be in 1..3600, got {lease}");
        var heartbeat = TimeSpan.FromSeconds(Math.Min(0.5, lease / 3));
        return WorkerOptions.Default with { LeaseDuration = TimeSpan.FromSeconds(lease), HeartbeatInterval = heartbeat };
    }
}
