using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Studio.Api.Contracts;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Api;

/// <summary>/api/v1/jobs: any job by id, and its progress as server-sent events.</summary>
public static class JobsApi
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/jobs").WithTags("Jobs");
        group.MapGet("/{id}", (string id, HttpContext http, JobViews views) => views.GetAsync(http, id, null))
            .ProducesProblem(404).WithSummary("Any job (generation or render) by id");
        group.MapGet("/{id}/events", Events)
            .ProducesProblem(404)
            .WithSummary("Progress as server-sent events")
            .WithDescription("One 'job' event (the job as JSON) whenever status or progress changes; the stream ends when the job finishes.");
        return api;
    }

    private static async Task<Results<ServerSentEventsResult<JobView>, ProblemHttpResult>> Events(
        string id, HttpContext http, JobViews views, IJobStore store)
    {
        if (await views.FindAsync(http, id, null) is null) return JobViews.Missing(id, null);
        return TypedResults.ServerSentEvents(Stream(id, views, store, http.RequestAborted));
    }

    /// <summary>Polls the row (workers may be other processes) and sends only changes.</summary>
    private static async IAsyncEnumerable<SseItem<JobView>> Stream(string id, JobViews views, IJobStore store,
        [EnumeratorCancellation] CancellationToken ct)
    {
        JobView? last = null;
        while (!ct.IsCancellationRequested)
        {
            var job = await store.GetAsync(id, ct);
            if (job is null) yield break;
            var view = views.View(job);
            if (last is null || view.Status != last.Status || view.Progress != last.Progress || view.Attempts != last.Attempts)
            {
                yield return new SseItem<JobView>(view, "job");
                last = view;
            }
            if (JobStatus.IsTerminal(job.Status)) yield break;
            try { await Task.Delay(PollEvery, ct); } catch (OperationCanceledException) { yield break; }
        }
    }
}
