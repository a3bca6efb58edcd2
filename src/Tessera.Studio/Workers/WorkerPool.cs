using Microsoft.Extensions.Hosting;

namespace Tessera.Studio.Workers;

/// <summary>The in-process workers of `tessera serve` (and all of `tessera worker`): N loops sharing one store.</summary>
public sealed class WorkerPool(IReadOnlyList<JobWorker> workers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(stoppingToken), CancellationToken.None)));
}
