using Tessera.Studio.Jobs;

namespace Tessera.Studio.Api.Contracts;

/// <summary>202 answer to a job submission: poll /api/v1/generations/{id} (or renders) or stream /api/v1/jobs/{id}/events.</summary>
public sealed record JobCreated(string Id, string Status);

/// <summary>A job as the API shows it.</summary>
/// <param name="Status">queued, running, succeeded, failed or canceled.</param>
/// <param name="Progress">0..1.</param>
/// <param name="Error">Why it failed (or why the last attempt failed, while it waits to retry).</param>
/// <param name="Outputs">The finished videos: a URL to fetch (works in a video tag: it is signed) and the seed.</param>
public sealed record JobView(
    string Id, string Kind, string Status, double Progress, string? Error, IReadOnlyList<OutputView> Outputs,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public static JobView From(JobRecord job, Func<string, string> assetUrl) => new(
        job.Id, job.Kind, job.Status, Math.Round(job.Progress, 4), job.Error,
        job.Outputs.Select(o => new OutputView(assetUrl(o.AssetId), o.Seed, o.AssetId)).ToList(),
        job.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(job.CreatedAt),
        job.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null);
}

public sealed record OutputView(string Url, int Seed, string AssetId);

/// <summary>An uploaded (or generated) file.</summary>
/// <param name="Kind">image, video or audio, as decided from the bytes.</param>
public sealed record AssetView(string Id, string Kind, string MediaType, long Size, string Name, string Url);

public sealed record HealthView(string Status, long QueueDepth);
