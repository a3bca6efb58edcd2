namespace Tessera.Studio.Workers;

/// <summary>How workers lease, report and retry. Tests shorten the times; the defaults suit real jobs.</summary>
/// <param name="LeaseDuration">How long a lease lasts without a heartbeat: after a crash, the job runs again this much later.</param>
/// <param name="HeartbeatInterval">How often a running job renews its lease and writes its progress.</param>
/// <param name="PollInterval">How long an idle worker waits before looking for work again.</param>
/// <param name="MaxAttempts">Runs per job before it fails for good (crashes count too).</param>
/// <param name="RetryBaseDelay">The wait before the first retry; it doubles on each later one.</param>
/// <param name="RetryMaxDelay">The longest wait between retries.</param>
public sealed record WorkerOptions(
    TimeSpan LeaseDuration,
    TimeSpan HeartbeatInterval,
    TimeSpan PollInterval,
    int MaxAttempts,
    TimeSpan RetryBaseDelay,
    TimeSpan RetryMaxDelay)
{
    public static WorkerOptions Default { get; } = new(
        LeaseDuration: TimeSpan.FromSeconds(30),
        HeartbeatInterval: TimeSpan.FromMilliseconds(500),
        PollInterval: TimeSpan.FromMilliseconds(300),
        MaxAttempts: 3,
        RetryBaseDelay: TimeSpan.FromSeconds(2),
        RetryMaxDelay: TimeSpan.FromMinutes(5));

    /// <summary>Exponential backoff with ±20% jitter, so jobs that failed together don't retry together.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var exponential = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }
}
