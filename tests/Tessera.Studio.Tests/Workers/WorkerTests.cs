using System.Text.Json;
using Tessera.Media;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Workers;

public sealed class WorkerTests
{
    [Fact]
    public async Task Several_in_process_workers_run_each_job_exactly_once()
    {
        await using var s = await StudioServer.StartAsync(workers: 3);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++) ids.Add(await StudioServer.SubmitAsync(s.Client, new { prompt = $"job {i}", frames = 3 }));
        foreach (var id in ids) Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, id)).GetProperty("status").GetString());
        Assert.All(ids, id => Assert.Equal(1, s.Backend.Executions[id]));
    }

    [Fact]
    public async Task Transient_failures_retry_with_backoff_then_succeed()
    {
        await using var s = await StudioServer.StartAsync();
        s.Backend.Failures["flaky"] = (2, () => new IOException("disk hiccup"));
        var id = await StudioServer.SubmitAsync(s.Client, new { prompt = "flaky", frames = 2 });
        var job = await StudioServer.WaitAsync(s.Client, id);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("attempts").GetInt32());
        Assert.Equal(3, s.Backend.Executions[id]);
    }

    [Fact]
    public async Task Persistent_failures_stop_at_the_attempt_limit_with_a_readable_error()
    {
        await using var s = await StudioServer.StartAsync();
        s.Backend.Failures["doomed"] = (99, () => new IOException("the model file is unreadable"));
        s.Backend.Failures["bad"] = (99, () => new TesseraError("prompt word 'zorp' is not in the vocabulary"));
        var doomed = await StudioServer.SubmitAsync(s.Client, new { prompt = "doomed", frames = 2 });
        var bad = await StudioServer.SubmitAsync(s.Client, new { prompt = "bad", frames = 2 });

        var failed = await StudioServer.WaitAsync(s.Client, doomed);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("failed after 3 attempts: IOException: the model file is unreadable", failed.GetProperty("error").GetString());
        Assert.Equal(3, s.Backend.Executions[doomed]);

        // Bad input fails at once: running it again would fail the same way.
        var refused = await StudioServer.WaitAsync(s.Client, bad);
        Assert.Equal("prompt word 'zorp' is not in the vocabulary", refused.GetProperty("error").GetString());
        Assert.Equal(1, s.Backend.Executions[bad]);
        Assert.Contains("tessera_job_retries_total 2", await s.Client.GetStringAsync("/metrics"));
    }
}
