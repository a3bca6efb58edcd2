namespace Tessera.Studio.Jobs;

/// <summary>One row of the job table, as every store returns it. Times are Unix milliseconds (UTC).</summary>
/// <param name="Spec">The validated request as JSON (a <see cref="GenerationSpec"/> or <see cref="RenderSpec"/>).</param>
/// <param name="Attempts">How many times a worker has leased it (1 on the first run).</param>
/// <param name="Completions">How many times a worker recorded success; more than 1 would mean a job ran twice.</param>
public sealed record JobRecord(
    string Id,
    string Kind,
    string Status,
    double Progress,
    string? Error,
    string Spec,
    IReadOnlyList<JobOutput> Outputs,
    int Attempts,
    int MaxAttempts,
    int Priority,
    string? KeyId,
    long CreatedAt,
    long? StartedAt,
    long? FinishedAt,
    string? LeaseOwner,
    long? LeaseExpiresAt,
    int Completions);

/// <summary>One finished file of a job: a content-addressed asset and the seed that made it.</summary>
public sealed record JobOutput(string AssetId, int Seed);

/// <summary>What the API asks the store to enqueue.</summary>
/// <param name="IdempotencyKey">With the same key id, a second enqueue returns the first job.</param>
public sealed record NewJob(
    string Id,
    string Kind,
    string Spec,
    int Priority,
    string? KeyId,
    string? IdempotencyKey,
    int MaxAttempts);

/// <summary>A worker's hold on a running job. Every write by the worker names it, so a lost lease writes nothing.</summary>
public sealed record JobLease(JobRecord Job, string Owner, int Attempt);

/// <summary>How many jobs are in each state (the queue depth is <see cref="Queued"/>).</summary>
public sealed record QueueCounts(long Queued, long Running, long Succeeded, long Failed, long Canceled);
