using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Studio.Api.Contracts;
using Tessera.Studio.Auth;
using Tessera.Studio.Jobs;
using Tessera.Studio.Storage;

namespace Tessera.Studio.Api;

/// <summary>Looks jobs up for the caller that owns them and shows them as <see cref="JobView"/>.</summary>
public sealed partial class JobViews(IJobStore store, AssetUrls urls)
{
    public JobView View(JobRecord job) => JobView.From(job, urls.Url);

    /// <summary>The caller's job of that kind (any kind when null), or null. Malformed ids never reach the store.</summary>
    public async Task<JobRecord?> FindAsync(HttpContext http, string id, string? kind)
    {
        if (!JobId().IsMatch(id)) return null;
        var job = await store.GetAsync(id, http.RequestAborted);
        return job is not null && http.GetCaller().Owns(job) && (kind is null || job.Kind == kind) ? job : null;
    }

    public async Task<Results<Ok<JobView>, ProblemHttpResult>> GetAsync(HttpContext http, string id, string? kind) =>
        await FindAsync(http, id, kind) is { } job ? TypedResults.Ok(View(job)) : Missing(id, kind);

    public async Task<Results<Ok<JobView>, ProblemHttpResult>> CancelAsync(HttpContext http, string id, string? kind)
    {
        if (await FindAsync(http, id, kind) is null) return Missing(id, kind);
        var job = await store.CancelAsync(id, http.RequestAborted);
        return TypedResults.Ok(View(job!));
    }

    public static ProblemHttpResult Missing(string id, string? kind) =>
        Problems.NotFound($"no {kind ?? "job"} with id '{(id.Length > 60 ? id[..60] + "…" : id)}' for this key");

    [GeneratedRegex("^job_[0-9a-f]{32}$")]
    private static partial Regex JobId();
}
