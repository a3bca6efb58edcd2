using Tessera.Studio.Workers;

namespace Tessera.Studio.Hosting;

/// <summary>Everything `tessera serve` is told on its command line.</summary>
/// <param name="Urls">Where Kestrel listens, e.g. http://127.0.0.1:5000 (port 0 picks a free one).</param>
/// <param name="DataDir">Files (content-addressed) and, with SQLite, the database.</param>
/// <param name="Database">Which job store: sqlite (embedded) or postgres.</param>
/// <param name="Connection">PostgreSQL connection string (postgres only).</param>
/// <param name="Workers">In-process worker loops (0: only separate `tessera worker` processes run jobs).</param>
/// <param name="Dev">Loopback requests need no API key (for trying the studio on your own machine).</param>
/// <param name="RateLimitPerSecond">Requests per second per API key (bursts up to twice that).</param>
/// <param name="MaxUploadBytes">Largest accepted upload.</param>
public sealed record StudioOptions(
    string Urls,
    string DataDir,
    string Database = "sqlite",
    string? Connection = null,
    int Workers = 1,
    bool Dev = false,
    int RateLimitPerSecond = 50,
    long MaxUploadBytes = 64L * 1024 * 1024,
    WorkerOptions? WorkerOptions = null)
{
    public const long MaxJsonBytes = 1024 * 1024;

    public WorkerOptions Worker => WorkerOptions ?? Tessera.Studio.Workers.WorkerOptions.Default;
}
