using Tessera.Studio.Jobs;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Scale;

/// <summary>Two worker processes on one PostgreSQL queue (FOR UPDATE SKIP LOCKED) share the work and never run a job twice.</summary>
[Collection(WorkerProcessCollection.Name)]
public sealed class ScaleOutTests
{
    [Theory, PostgresStore]
    public async Task Two_worker_processes_never_run_the_same_job_twice(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var log = Path.Combine(t.DataDir, "executions.log");
        var ids = await CrashRecoveryTests.Enqueue(t.Store, 10);

        using var a = WorkerProcess.Start(t, log, leaseSeconds: 10);
        using var b = WorkerProcess.Start(t, log, leaseSeconds: 10);
        await CrashRecoveryTests.WaitUntil(async () => (await t.Store.CountAsync()).Succeeded == 10, TimeSpan.FromSeconds(300),
            () => a.Output + "\n---\n" + b.Output);

        var lines = File.ReadAllLines(log).Select(l => l.Split(' ')).ToList();
        Assert.Equal(10, lines.Count);                                       // 10 executions for 10 jobs
        Assert.Equal(ids.Order(), lines.Select(l => l[0]).Order());          // each job exactly once
        Assert.Equal([a.Pid, b.Pid], lines.Select(l => int.Parse(l[1])).Distinct().Order()); // both processes worked
        var jobs = await Task.WhenAll(ids.Select(id => t.Store.GetAsync(id)));
        Assert.All(jobs, j => Assert.Equal((JobStatus.Succeeded, 1, 1), (j!.Status, j.Attempts, j.Completions)));
    }
}
