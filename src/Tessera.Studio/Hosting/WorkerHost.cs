using Microsoft.Extensions.Logging;
using Tessera.Studio.Backends;
using Tessera.Studio.Metrics;
using Tessera.Studio.Storage;
using Tessera.Studio.Workers;

namespace Tessera.Studio.Hosting;

/// <summary>
/// `tessera worker`: job workers without the web server, for other machines sharing a PostgreSQL queue (or other
/// processes sharing a SQLite file). Outputs go to --data, which all servers and workers must share.
/// </summary>
public static class WorkerHost
{
    public static async Task RunAsync(string database, string? connection, string dataDir, int workers, WorkerOptions options,
        StudioBackends backends, CancellationToken stop)
    {
        var data = JobStoreFactory.PrepareDataDir(dataDir);
        using var store = JobStoreFactory.Open(database, connection, data);
        await store.InitializeAsync(stop);
        var blobs = new LocalBlobStore(data);
        var executor = new JobExecutor(store, blobs, backends.Generation, backends.Render, data);
        using var logs = LoggerFactory.Create(l => l
            .AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(LogLevel.Information));
        var metrics = new StudioMetrics();
        var loops = Enumerable.Range(0, workers)
            .Select(_ => new JobWorker(store, executor, options, metrics, logs.CreateLogger<JobWorker>()).RunAsync(stop))
            .ToList();
        await Task.WhenAll(loops);
    }
}
