using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tessera.Media;
using Tessera.Studio.Jobs;
using Tessera.Studio.Metrics;

namespace Tessera.Studio.Workers;

/// <summary>
/// One worker loop: lease a job, run it on its own thread while a heartbeat renews the lease and writes progress,
/// then record the result — only if the lease is still ours. A worker that dies simply stops heartbeating; its
/// lease expires and another worker (or this one restarted) runs the job again from the start.
/// </summary>
public sealed class JobWorker(IJobStore store, JobExecutor executor, WorkerOptions options, StudioMetrics metrics, ILogger logger)
{
    /// <summary>Unique per loop, so two loops in one process never share a lease.</summary>
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public async Task RunAsync(CancellationToken stop)
    {
        logger.LogInformation("worker {Worker} started", Id);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var lease = await store.TryLeaseAsync(Id, options.LeaseDuration, stop);
                if (lease is null)
                {
                    // Jitter keeps idle workers of many processes from polling in lockstep.
                    await Task.Delay(options.PollInterval * (0.75 + 0.5 * Random.Shared.NextDouble()), stop);
                    continue;
                }
                await RunLeasedAsync(lease, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database went away for a moment: say so and keep trying; the lease logic keeps jobs safe.
                logger.LogWarning("worker {Worker}: {Error}; retrying", Id, e.Message);
                try { await Task.Delay(options.PollInterval * 5, stop); } catch (OperationCanceledException) { break; }
            }
        }
        logger.LogInformation("worker {Worker} stopped", Id);
    }

    private async Task RunLeasedAsync(JobLease lease, CancellationToken stop)
    {
        var job = lease.Job;
        logger.LogInformation("worker {Worker}: running {Kind} job {Job} (attempt {Attempt})", Id, job.Kind, job.Id, lease.Attempt);
        var clock = Stopwatch.StartNew();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var progress = new LatestProgress();
        var lost = false;
        var heartbeat = Task.Run(async () =>
        {
            while (!run.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(options.HeartbeatInterval, run.Token);
                    if (!await store.HeartbeatAsync(lease, progress.Fraction, options.LeaseDuration, run.Token))
                    {
                        lost = true;
                        await run.CancelAsync();
                    }
                }
                catch (OperationCanceledException) { return; }
                catch (Exception e) { logger.LogWarning("heartbeat for {Job} failed: {Error}", job.Id, e.Message); }
            }
        }, CancellationToken.None);

        try
        {
            // Backends are synchronous and may be thread-affine (TorchSharp): give each run a dedicated thread.
            var outputs = await Task.Factory.StartNew(() => executor.Execute(lease, progress, run.Token),
                run.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await run.CancelAsync();
            await heartbeat;
            if (await store.CompleteAsync(lease, outputs, CancellationToken.None))
            {
                metrics.JobFinished(job.Kind, JobStatus.Succeeded, clock.Elapsed);
                logger.LogInformation("worker {Worker}: job {Job} succeeded in {Seconds:0.0} s", Id, job.Id, clock.Elapsed.TotalSeconds);
            }
            else
            {
                metrics.LeaseLost();
                logger.LogWarning("worker {Worker}: job {Job} finished but its lease was gone (canceled or taken over); result dropped", Id, job.Id);
            }
        }
        catch (OperationCanceledException) when (lost)
        {
            metrics.LeaseLost();
            logger.LogInformation("worker {Worker}: job {Job} stopped (canceled or lease lost)", Id, job.Id);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down: hand the job back now rather than making it wait for the lease to expire.
            await store.FailAsync(lease, "the worker shut down while running this job; it will run again", DateTimeOffset.UtcNow, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            await Fail(lease, e, clock.Elapsed);
        }
        finally
        {
            await run.CancelAsync();
            await heartbeat;
        }
    }

    private async Task Fail(JobLease lease, Exception e, TimeSpan elapsed)
    {
        var job = lease.Job;
        // Bad input (exit code 2) fails at once: running it again would fail the same way.
        var permanent = e is TesseraError { ExitCode: 2 } || lease.Attempt >= job.MaxAttempts;
        var message = e is TesseraError ? e.Message : $"{e.GetType().Name}: {e.Message}";
        if (permanent)
        {
            var error = lease.Attempt > 1 ? $"failed after {lease.Attempt} attempts: {message}" : message;
            await store.FailAsync(lease, error, null, CancellationToken.None);
            metrics.JobFinished(job.Kind, JobStatus.Failed, elapsed);
            logger.LogWarning("worker {Worker}: job {Job} failed: {Error}", Id, job.Id, error);
        }
        else
        {
            var delay = options.RetryDelay(lease.Attempt);
            await store.FailAsync(lease, message, DateTimeOffset.UtcNow + delay, CancellationToken.None);
            metrics.JobRetried();
            logger.LogWarning("worker {Worker}: job {Job} attempt {Attempt} failed ({Error}); retrying in {Delay:0.0} s",
                Id, job.Id, lease.Attempt, message, delay.TotalSeconds);
        }
    }

    /// <summary>Keeps only the latest progress; the heartbeat writes it at its own pace.</summary>
    private sealed class LatestProgress : IProgress<ProgressUpdate>
    {
        private double _fraction;
        public double Fraction => Volatile.Read(ref _fraction);
        public void Report(ProgressUpdate value) => Volatile.Write(ref _fraction, value.Fraction);
    }
}
