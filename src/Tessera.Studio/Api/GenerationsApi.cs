using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Studio.Api.Contracts;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Api;

/// <summary>/api/v1/generations: ask for videos from a prompt, watch them, cancel them.</summary>
public static class GenerationsApi
{
    public static RouteGroupBuilder MapGenerationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/generations").WithTags("Generations");
        group.MapPost("/", Create)
            .Accepts<GenerationRequest>("application/json")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415).ProducesProblem(429)
            .WithSummary("Queue a generation (text, first/last frame to video)")
            .WithDescription("Returns 202 with the job id at once. Send an Idempotency-Key header to make a retried POST return the same job.");
        group.MapGet("/{id}", Get).ProducesProblem(404).WithSummary("A generation's status, progress and outputs");
        group.MapDelete("/{id}", Cancel).ProducesProblem(404).WithSummary("Cancel a generation (a finished one is left as it is)");
        return api;
    }

    private static async Task<Results<Accepted<JobCreated>, ProblemHttpResult>> Create(
        HttpContext http, IJobStore store, JobSubmission submission)
    {
        var (request, problem) = await StrictJson.ReadAsync<GenerationRequest>(http.Request, http.RequestAborted);
        if (problem is not null) return problem;
        var (spec, problems) = await request!.ValidateAsync(async id => (await store.GetAssetAsync(id, http.RequestAborted))?.Kind);
        if (spec is null) return Problems.Invalid(problems);
        return await submission.SubmitAsync(http, JobKind.Generation, spec, spec.GeneratedSeconds, "/api/v1/generations");
    }

    internal static Task<Results<Ok<JobView>, ProblemHttpResult>> Get(string id, HttpContext http, JobViews views) =>
        views.GetAsync(http, id, JobKind.Generation);

    internal static Task<Results<Ok<JobView>, ProblemHttpResult>> Cancel(string id, HttpContext http, JobViews views) =>
        views.CancelAsync(http, id, JobKind.Generation);
}
