using System.Text.Json;
using Tessera.Studio.Jobs;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Scale;

/// <summary>Real worker processes, killed with SIGKILL mid-batch: no job is lost and none completes twice.</summary>
[Collection(WorkerProcessCollection.Name)]
public sealed class CrashRecoveryTests
{
    [Theory, SqliteStore, PostgresStore]
    public async Task Kill_9_of_a_worker_in_the_middle_of_20_jobs_loses_none(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var log = Path.Combine(t.DataDir, "executions.log");
        var ids = await Enqueue(t.Store, 20);

        using (var doomed = WorkerProcess.Start(t, log, loops: 2))
        {
            await WaitUntil(async () => await t.Store.CountAsync() is { Succeeded: >= 4, Running: >= 1 }, TimeSpan.FromSeconds(180), () => doomed.Output);
            doomed.KillHard();
        }
        var afterKill = await t.Store.CountAsync();
        Assert.True(afterKill.Succeeded < 20, "the batch finished before the kill; the test proved nothing");
        Assert.True(afterKill.Running >= 1, "no job was mid-run at the kill");

        using var restarted = WorkerProcess.Start(t, log, loops: 2);
        await WaitUntil(async () => (await t.Store.CountAsync()).Succeeded == 20, TimeSpan.FromSeconds(300), () => restarted.Output);

        var jobs = await Task.WhenAll(ids.Select(id => t.Store.GetAsync(id)));
        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j!.Status));
        Assert.All(jobs, j => Assert.Equal(1, j!.Completions));
        Assert.All(jobs, j => Assert.Single(j!.Outputs));
        // The jobs that were mid-run at the kill ran again (attempt 2), from the start.
        var executions = File.ReadAllLines(log).Select(l => l.Split(' ')[0]).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(20, executions.Count);
        Assert.Contains(jobs, j => j!.Attempts == 2);
        Assert.All(jobs, j => Assert.Equal(j!.Attempts, executions[j.Id]));
    }

    internal static async Task<List<string>> Enqueue(IJobStore store, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var spec = new GenerationSpec($"batch job {i}", i, 1, 4, 32, 32, 8, null, null, null, null, false);
            var id = "job_" + Guid.CreateVersion7().ToString("N");
            await store.EnqueueAsync(new NewJob(id, JobKind.Generation, JsonSerializer.Serialize(spec, JsonSerializerOptions.Web), 0, null, null, 3));
            ids.Add(id);
        }
        return ids;
    }

    internal static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached; worker output:\n" + diagnostics());
            await Task.Delay(50);
        }
    }
}
