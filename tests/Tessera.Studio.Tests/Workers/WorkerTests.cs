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
        s.Backend.Failures["flaky"] = (2, (_, _) => new IOException("disk hiccup"));
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
        s.Backend.Failures["doomed"] = (99, (_, _) => new IOException("the model file is unreadable"));
        s.Backend.Failures["bad"] = (99, (_, _) => new TesseraError("prompt word 'zorp' is not in the vocabulary"));
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

    [Fact]
    public async Task A_failed_job_names_the_callers_asset_not_the_servers_files()
    {
        await using var s = await StudioServer.StartAsync();
        var first = await StudioServer.WaitAsync(s.Client, await StudioServer.SubmitAsync(s.Client, new { prompt = "a red ball moves right", frames = 6 }));
        var clip = first.GetProperty("outputs")[0].GetProperty("assetId").GetString()!;
        // As the engine words it (VideoGenerator), with the stored file's path; and a failure that names the work folder.
        s.Backend.Failures["short"] = (99, (input, _) => new TesseraError(
            $"the context clip {input.ExtendPath} has 2 frames; --context-frames (\"contextFrames\" in the API) asks for 3"));
        s.Backend.Failures["disk"] = (99, (_, work) => new IOException($"Could not find file '{Path.Combine(work, "generated.mp4")}'."));

        var shortJob = await StudioServer.WaitAsync(s.Client, await StudioServer.SubmitAsync(s.Client, new { prompt = "short", extend = clip, frames = 8 }));
        Assert.Equal("failed", shortJob.GetProperty("status").GetString());
        Assert.Equal($"the context clip asset {clip} has 2 frames; --context-frames (\"contextFrames\" in the API) asks for 3",
            shortJob.GetProperty("error").GetString());
        Assert.Equal(1, shortJob.GetProperty("attempts").GetInt32());   // still bad input: not retried

        // A failure of the machine stays retryable, and keeps its kind in the error.
        var disk = await StudioServer.WaitAsync(s.Client, await StudioServer.SubmitAsync(s.Client, new { prompt = "disk", frames = 2 }));
        Assert.Equal("failed after 3 attempts: IOException: Could not find file 'the job's work folder/generated.mp4'.",
            disk.GetProperty("error").GetString());
    }
}
