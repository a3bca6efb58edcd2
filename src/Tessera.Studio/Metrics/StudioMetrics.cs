using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Metrics;

/// <summary>
/// What /metrics reports, in the Prometheus text format (OpenMetrics-compatible, what an OpenTelemetry
/// collector's Prometheus receiver scrapes): queue depth from the store, plus job durations, outcomes and retries
/// seen by this process's workers.
/// </summary>
public sealed class StudioMetrics
{
    private static readonly double[] Buckets = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
    private readonly ConcurrentDictionary<(string Kind, string Outcome), long> _finished = new();
    private readonly ConcurrentDictionary<string, Histogram> _durations = new();
    private long _retries;
    private long _leasesLost;

    private sealed class Histogram
    {
        public readonly long[] Counts = new long[Buckets.Length];
        public long Count;
        public double Sum;
    }

    public void JobFinished(string kind, string outcome, TimeSpan duration)
    {
        _finished.AddOrUpdate((kind, outcome), 1, (_, n) => n + 1);
        var h = _durations.GetOrAdd(kind, _ => new Histogram());
        lock (h)
        {
            for (var i = 0; i < Buckets.Length; i++) if (duration.TotalSeconds <= Buckets[i]) h.Counts[i]++;
            h.Count++;
            h.Sum += duration.TotalSeconds;
        }
    }

    public void JobRetried() => Interlocked.Increment(ref _retries);
    public void LeaseLost() => Interlocked.Increment(ref _leasesLost);

    public string Render(QueueCounts counts)
    {
        var s = new StringBuilder();
        void Line(string text) => s.Append(text).Append('\n');
        string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        Line("# HELP tessera_queue_depth Jobs waiting for a worker.");
        Line("# TYPE tessera_queue_depth gauge");
        Line($"tessera_queue_depth {counts.Queued}");
        Line("# HELP tessera_jobs Jobs in the store by status.");
        Line("# TYPE tessera_jobs gauge");
        foreach (var (status, n) in new[] { ("queued", counts.Queued), ("running", counts.Running), ("succeeded", counts.Succeeded), ("failed", counts.Failed), ("canceled", counts.Canceled) })
            Line($"tessera_jobs{{status=\"{status}\"}} {n}");
        Line("# HELP tessera_jobs_finished_total Jobs this process's workers finished, by outcome.");
        Line("# TYPE tessera_jobs_finished_total counter");
        foreach (var ((kind, outcome), n) in _finished.OrderBy(p => p.Key))
            Line($"tessera_jobs_finished_total{{kind=\"{kind}\",outcome=\"{outcome}\"}} {n}");
        Line("# HELP tessera_job_failures_total Job runs that failed (retried or not) in this process.");
        Line("# TYPE tessera_job_failures_total counter");
        Line($"tessera_job_failures_total {_finished.Where(p => p.Key.Outcome == JobStatus.Failed).Sum(p => p.Value) + Interlocked.Read(ref _retries)}");
        Line("# HELP tessera_job_retries_total Failed runs put back in the queue with backoff.");
        Line("# TYPE tessera_job_retries_total counter");
        Line($"tessera_job_retries_total {Interlocked.Read(ref _retries)}");
        Line("# HELP tessera_job_leases_lost_total Runs stopped because the lease was lost or the job canceled.");
        Line("# TYPE tessera_job_leases_lost_total counter");
        Line($"tessera_job_leases_lost_total {Interlocked.Read(ref _leasesLost)}");
        Line("# HELP tessera_job_duration_seconds Wall time of finished job runs.");
        Line("# TYPE tessera_job_duration_seconds histogram");
        foreach (var (kind, h) in _durations.OrderBy(p => p.Key))
            lock (h)
            {
                for (var i = 0; i < Buckets.Length; i++)
                    Line($"tessera_job_duration_seconds_bucket{{kind=\"{kind}\",le=\"{N(Buckets[i])}\"}} {h.Counts[i]}");
                Line($"tessera_job_duration_seconds_bucket{{kind=\"{kind}\",le=\"+Inf\"}} {h.Count}");
                Line($"tessera_job_duration_seconds_sum{{kind=\"{kind}\"}} {N(h.Sum)}");
                Line($"tessera_job_duration_seconds_count{{kind=\"{kind}\"}} {h.Count}");
            }
        return s.ToString();
    }
}
