using System.CommandLine;
using Tessera.Media;
using Tessera.Studio.Backends;
using Tessera.Studio.Hosting;
using Tessera.Studio.Workers;

namespace Tessera.Cli.Verbs;

/// <summary>--workers, --backend, --model, --device and --lease-seconds: how jobs run (serve and worker).</summary>
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
    public Option<string?> Model { get; } = new("--model")
    {
        Description = "Model folder the engine generates with (vae.safetensors + dit.safetensors, e.g. a run you trained), or a shipped model's name; default models/world-tiny",
    };
    public Option<string> Device { get; } = new("--device")
    {
        Description = "cpu or cuda for the engine (cuda falls back to the cpu with a warning)",
        DefaultValueFactory = _ => "cpu",
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
        command.Options.Add(Model);
        command.Options.Add(Device);
        command.Options.Add(LeaseSeconds);
    }

    /// <summary>The backends the flags name, the engine's model folder checked now; load warnings go to stderr.</summary>
    public StudioBackends Backends(ParseResult parse, string dataDir)
    {
        var device = parse.GetValue(Device)!;
        if (device is not ("cpu" or "cuda")) throw new TesseraError($"--device must be cpu or cuda, got '{device}'");
        return BackendCatalog.Create(parse.GetValue(Backend)!, dataDir, parse.GetValue(Model), device,
            warning => Console.Error.WriteLine($"warning: {warning}"));
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
