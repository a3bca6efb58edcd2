using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Studio.Api.Contracts;
using Tessera.Studio.Jobs;
using Tessera.Studio.Metrics;

namespace Tessera.Studio.Api;

/// <summary>/healthz and /metrics: for load balancers and Prometheus / OpenTelemetry collectors.</summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Health).WithTags("Operations").ProducesProblem(503).WithSummary("Healthy when the job store answers");
        app.MapGet("/metrics", Metrics).WithTags("Operations")
            .WithSummary("Prometheus text: queue depth, jobs by status, job durations, failures, retries");
        return app;
    }

    private static async Task<Results<Ok<HealthView>, ProblemHttpResult>> Health(IJobStore store, CancellationToken ct)
    {
        try
        {
            var counts = await store.CountAsync(ct);
            return TypedResults.Ok(new HealthView("ok", counts.Queued));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Problems.Status(503, "Unhealthy", $"the job store does not answer: {e.Message}");
        }
    }

    private static async Task<ContentHttpResult> Metrics(IJobStore store, StudioMetrics metrics, CancellationToken ct) =>
        TypedResults.Text(metrics.Render(await store.CountAsync(ct)), "text/plain; version=0.0.4; charset=utf-8");
}
