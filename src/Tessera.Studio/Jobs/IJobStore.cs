namespace Tessera.Studio.Jobs;

/// <summary>
/// The durable queue and everything the studio keeps in a database: jobs, assets, API keys and their usage.
/// Two implementations share one SQL text (<see cref="SqlJobStore"/>): SQLite embedded, PostgreSQL to share
/// the queue between machines. Every method is safe to call from many threads and many processes.
/// </summary>
public interface IJobStore : IDisposable
{
    /// <summary>Creates the tables if they are missing (idempotent, safe to race).</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>Adds a job, or returns the existing one when (key id, idempotency key) was seen before.</summary>
    Task<(JobRecord Job, bool Created)> EnqueueAsync(NewJob job, CancellationToken ct = default);

    Task<JobRecord?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>Cancels a queued or running job; a finished job is returned unchanged. Null when unknown.</summary>
    Task<JobRecord?> CancelAsync(string id, CancellationToken ct = default);

    /// <summary>
    /// Takes the most urgent ready job — queued and due, or running with an expired lease (its worker died) —
    /// and leases it to <paramref name="owner"/>. Never hands one job to two workers at once.
    /// </summary>
    Task<JobLease?> TryLeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken ct = default);

    /// <summary>Extends the lease and records progress. False when the lease was lost or the job canceled: stop.</summary>
    Task<bool> HeartbeatAsync(JobLease lease, double progress, TimeSpan leaseDuration, CancellationToken ct = default);

    /// <summary>Marks the job succeeded with its outputs, only if the lease is still held.</summary>
    Task<bool> CompleteAsync(JobLease lease, IReadOnlyList<JobOutput> outputs, CancellationToken ct = default);

    /// <summary>Puts the job back in the queue at <paramref name="retryAt"/>, or fails it for good when null.</summary>
    Task<bool> FailAsync(JobLease lease, string error, DateTimeOffset? retryAt, CancellationToken ct = default);

    Task<QueueCounts> CountAsync(CancellationToken ct = default);

    Task PutAssetAsync(AssetRecord asset, CancellationToken ct = default);
    Task<AssetRecord?> GetAssetAsync(string id, CancellationToken ct = default);

    Task CreateKeyAsync(ApiKeyRecord key, CancellationToken ct = default);
    Task<ApiKeyRecord?> FindKeyByHashAsync(string hash, CancellationToken ct = default);
    Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken ct = default);
    Task<bool> RevokeKeyAsync(string idOrName, CancellationToken ct = default);

    /// <summary>Adds <paramref name="seconds"/> to the key's usage for <paramref name="day"/> unless that passes the quota.</summary>
    Task<bool> TryChargeAsync(string keyId, string day, double seconds, double quota, CancellationToken ct = default);
    Task<double> UsedSecondsAsync(string keyId, string day, CancellationToken ct = default);
}

/// <summary>A stored file: its id is the SHA-256 of its bytes, so equal uploads are one asset.</summary>
/// <param name="Kind">image, video or audio, decided from the bytes.</param>
/// <param name="Name">The uploader's file name, cleaned, only ever used as a download name.</param>
public sealed record AssetRecord(string Id, string Kind, string MediaType, long Size, string Name, long CreatedAt);

/// <summary>An API key. Only the SHA-256 of the secret is stored.</summary>
/// <param name="QuotaSeconds">Seconds of generated video per UTC day; null for no limit.</param>
/// <param name="Priority">Queue priority: 1 for paid tiers, 0 for free.</param>
public sealed record ApiKeyRecord(string Id, string Name, string Hash, double? QuotaSeconds, int Priority, long CreatedAt, long? RevokedAt);
