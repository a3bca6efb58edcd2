using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Studio.Api.Contracts;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Api;

/// <summary>/api/v1/renders: render a timeline through the editor; same job shape as generations.</summary>
public static class RendersApi
{
    public static RouteGroupBuilder MapRendersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/renders").WithTags("Renders");
        group.MapPost("/", Create)
            .Accepts<RenderRequest>("application/json")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Queue a timeline render")
            .WithDescription("The timeline is the editor's format; name stored files as \"asset:ID\". Returns 202 with the job id.");
        group.MapGet("/{id}", (string id, HttpContext http, JobViews views) => views.GetAsync(http, id, JobKind.Render))
            .ProducesProblem(404).WithSummary("A render's status, progress and output");
        group.MapDelete("/{id}", (string id, HttpContext http, JobViews views) => views.CancelAsync(http, id, JobKind.Render))
            .ProducesProblem(404).WithSummary("Cancel a render");
        return api;
    }

    private static async Task<Results<Accepted<JobCreated>, ProblemHttpResult>> Create(
        HttpContext http, IJobStore store, JobSubmission submission)
    {
        var (request, problem) = await StrictJson.ReadAsync<RenderRequest>(http.Request, http.RequestAborted);
        if (problem is not null) return problem;
        var (spec, problems) = await request!.ValidateAsync(async id => (await store.GetAssetAsync(id, http.RequestAborted))?.Kind);
        if (spec is null) return Problems.Invalid(problems);
        return await submission.SubmitAsync(http, JobKind.Render, spec, 0, "/api/v1/renders");
    }
}
