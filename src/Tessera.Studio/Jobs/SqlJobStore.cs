using System.Data.Common;
using System.Text.Json;

namespace Tessera.Studio.Jobs;

/// <summary>
/// The job store in plain SQL that SQLite and PostgreSQL both run. A lease is a conditional UPDATE of one row;
/// every later write by the worker repeats the lease's owner and attempt in its WHERE clause, so a worker
/// that lost its lease (it stalled, or was presumed dead and the job re-ran) can never overwrite the result.
/// </summary>
public abstract class SqlJobStore : IJobStore
{
    /// <summary>How much earlier a priority-1 (paid) job counts as enqueued: paid work goes first, but a free job
    /// waits at most this long behind paid jobs that arrived after it, so no one starves.</summary>
    public static readonly TimeSpan PriorityHeadStart = TimeSpan.FromMinutes(1);

    private const string Columns =
        "id, kind, status, progress, error, spec, outputs, attempts, max_attempts, priority, key_id, created_at, " +
        "started_at, finished_at, lease_owner, lease_expires_at, completions";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected SqlDialect Dialect { get; }

    protected SqlJobStore(SqlDialect dialect) => Dialect = dialect;

    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    public virtual async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        foreach (var sql in Dialect.Schema()) await ExecuteAsync(c, sql, ct);
    }

    public async Task<(JobRecord Job, bool Created)> EnqueueAsync(NewJob job, CancellationToken ct = default)
    {
        var now = Now();
        await using var c = await OpenAsync(ct);
        var inserted = await ExecuteAsync(c, """
            INSERT INTO jobs (id, kind, status, spec, max_attempts, priority, sort_key, key_id, idempotency_key, created_at, run_after)
            VALUES (@id, @kind, 'queued', @spec, @max, @priority, @sort, @key, @idem, @now, @now)
            ON CONFLICT DO NOTHING
            """, ct,
            ("id", job.Id), ("kind", job.Kind), ("spec", job.Spec), ("max", job.MaxAttempts), ("priority", job.Priority),
            ("sort", now - job.Priority * (long)PriorityHeadStart.TotalMilliseconds), ("key", job.KeyId),
            ("idem", job.IdempotencyKey), ("now", now));
        if (inserted == 1) return ((await GetAsync(c, job.Id, ct))!, true);
        if (job.IdempotencyKey is null) throw new InvalidOperationException($"job id {job.Id} already exists");
        var existing = await QueryJobAsync(c,
            $"SELECT {Columns} FROM jobs WHERE COALESCE(key_id, '') = @key AND idempotency_key = @idem", ct,
            ("key", job.KeyId ?? ""), ("idem", job.IdempotencyKey));
        return (existing ?? throw new InvalidOperationException("idempotent insert conflicted but no job was found"), false);
    }

    public async Task<JobRecord?> GetAsync(string id, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        return await GetAsync(c, id, ct);
    }

    public async Task<JobRecord?> CancelAsync(string id, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await ExecuteAsync(c, """
            UPDATE jobs SET status = 'canceled', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @id AND status IN ('queued', 'running')
            """, ct, ("id", id), ("now", Now()));
        return await GetAsync(c, id, ct);
    }

    public async Task<JobLease?> TryLeaseAsync(string owner, TimeSpan leaseDuration, CancellationToken ct = default)
    {
        var now = Now();
        await using var c = await OpenAsync(ct);
        // A job whose worker died on every attempt fails here with a reason instead of looping forever.
        await ExecuteAsync(c, """
            UPDATE jobs SET status = 'failed', finished_at = @now, lease_owner = NULL,
                error = 'the worker running this job stopped responding ' || attempts || ' times (crashed or was killed); giving up'
            WHERE status = 'running' AND lease_expires_at < @now AND attempts >= max_attempts
            """, ct, ("now", now));
        var job = await QueryJobAsync(c, $"""
            UPDATE jobs SET status = 'running', lease_owner = @owner, lease_expires_at = @expires,
                attempts = attempts + 1, started_at = COALESCE(started_at, @now), progress = 0
            WHERE id = (
                SELECT id FROM jobs
                WHERE (status = 'queued' AND run_after <= @now) OR (status = 'running' AND lease_expires_at < @now)
                ORDER BY sort_key, id
                LIMIT 1 {Dialect.LockReadyRow})
            RETURNING {Columns}
            """, ct, ("owner", owner), ("expires", now + (long)leaseDuration.TotalMilliseconds), ("now", now));
        return job is null ? null : new JobLease(job, owner, job.Attempts);
    }

    public async Task<bool> HeartbeatAsync(JobLease lease, double progress, TimeSpan leaseDuration, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        return await ExecuteAsync(c, """
            UPDATE jobs SET lease_expires_at = @expires, progress = @progress
            WHERE id = @id AND status = 'running' AND lease_owner = @owner AND attempts = @attempt
            """, ct, ("expires", Now() + (long)leaseDuration.TotalMilliseconds), ("progress", Math.Clamp(progress, 0, 1)),
            ("id", lease.Job.Id), ("owner", lease.Owner), ("attempt", lease.Attempt)) == 1;
    }

    public async Task<bool> CompleteAsync(JobLease lease, IReadOnlyList<JobOutput> outputs, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        return await ExecuteAsync(c, """
            UPDATE jobs SET status = 'succeeded', progress = 1, outputs = @outputs, error = NULL, finished_at = @now,
                lease_owner = NULL, lease_expires_at = NULL, completions = completions + 1
            WHERE id = @id AND status = 'running' AND lease_owner = @owner AND attempts = @attempt
            """, ct, ("outputs", JsonSerializer.Serialize(outputs, Json)), ("now", Now()),
            ("id", lease.Job.Id), ("owner", lease.Owner), ("attempt", lease.Attempt)) == 1;
    }

    public async Task<bool> FailAsync(JobLease lease, string error, DateTimeOffset? retryAt, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        const string leaseHeld = "WHERE id = @id AND status = 'running' AND lease_owner = @owner AND attempts = @attempt";
        return retryAt is { } at
            ? await ExecuteAsync(c, $"""
                UPDATE jobs SET status = 'queued', run_after = @at, error = @error, progress = 0,
                    lease_owner = NULL, lease_expires_at = NULL
                {leaseHeld}
                """, ct, ("at", at.ToUnixTimeMilliseconds()), ("error", error),
                ("id", lease.Job.Id), ("owner", lease.Owner), ("attempt", lease.Attempt)) == 1
            : await ExecuteAsync(c, $"""
                UPDATE jobs SET status = 'failed', finished_at = @now, error = @error, lease_owner = NULL, lease_expires_at = NULL
                {leaseHeld}
                """, ct, ("now", Now()), ("error", error),
                ("id", lease.Job.Id), ("owner", lease.Owner), ("attempt", lease.Attempt)) == 1;
    }

    public async Task<QueueCounts> CountAsync(CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var cmd = Command(c, "SELECT status, COUNT(*) FROM jobs GROUP BY status");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>();
        while (await r.ReadAsync(ct)) counts[r.GetString(0)] = Convert.ToInt64(r.GetValue(1));
        long N(string s) => counts.GetValueOrDefault(s);
        return new QueueCounts(N(JobStatus.Queued), N(JobStatus.Running), N(JobStatus.Succeeded), N(JobStatus.Failed), N(JobStatus.Canceled));
    }

    public async Task PutAssetAsync(AssetRecord a, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await ExecuteAsync(c, """
            INSERT INTO assets (id, kind, media_type, size, name, created_at) VALUES (@id, @kind, @type, @size, @name, @at)
            ON CONFLICT DO NOTHING
            """, ct, ("id", a.Id), ("kind", a.Kind), ("type", a.MediaType), ("size", a.Size), ("name", a.Name), ("at", a.CreatedAt));
    }

    public async Task<AssetRecord?> GetAssetAsync(string id, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var cmd = Command(c, "SELECT id, kind, media_type, size, name, created_at FROM assets WHERE id = @id", ("id", id));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new AssetRecord(r.GetString(0), r.GetString(1), r.GetString(2), Convert.ToInt64(r.GetValue(3)), r.GetString(4), Convert.ToInt64(r.GetValue(5)))
            : null;
    }

    public async Task CreateKeyAsync(ApiKeyRecord k, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await ExecuteAsync(c, """
            INSERT INTO api_keys (id, name, hash, quota_seconds, priority, created_at) VALUES (@id, @name, @hash, @quota, @priority, @at)
            """, ct, ("id", k.Id), ("name", k.Name), ("hash", k.Hash), ("quota", k.QuotaSeconds), ("priority", k.Priority), ("at", k.CreatedAt));
    }

    public async Task<ApiKeyRecord?> FindKeyByHashAsync(string hash, CancellationToken ct = default) =>
        (await QueryKeysAsync("WHERE hash = @hash", ct, ("hash", hash))).FirstOrDefault();

    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken ct = default) => QueryKeysAsync("ORDER BY created_at", ct);

    public async Task<bool> RevokeKeyAsync(string idOrName, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        return await ExecuteAsync(c, "UPDATE api_keys SET revoked_at = @now WHERE (id = @k OR name = @k) AND revoked_at IS NULL",
            ct, ("now", Now()), ("k", idOrName)) > 0;
    }

    public async Task<bool> TryChargeAsync(string keyId, string day, double seconds, double quota, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await ExecuteAsync(c, "INSERT INTO key_usage (key_id, day, seconds) VALUES (@k, @d, 0) ON CONFLICT DO NOTHING", ct, ("k", keyId), ("d", day));
        // One conditional UPDATE: two concurrent requests can't both squeeze under the quota.
        return await ExecuteAsync(c, "UPDATE key_usage SET seconds = seconds + @s WHERE key_id = @k AND day = @d AND seconds + @s <= @q",
            ct, ("s", seconds), ("k", keyId), ("d", day), ("q", quota)) == 1;
    }

    public async Task<double> UsedSecondsAsync(string keyId, string day, CancellationToken ct = default)
    {
        await using var c = await OpenAsync(ct);
        await using var cmd = Command(c, "SELECT seconds FROM key_usage WHERE key_id = @k AND day = @d", ("k", keyId), ("d", day));
        return await cmd.ExecuteScalarAsync(ct) is { } v and not DBNull ? Convert.ToDouble(v) : 0;
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    // ── plumbing ────────────────────────────────────────────────────────────────────────────────

    protected static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private async Task<IReadOnlyList<ApiKeyRecord>> QueryKeysAsync(string where, CancellationToken ct, params (string, object?)[] args)
    {
        await using var c = await OpenAsync(ct);
        await using var cmd = Command(c, $"SELECT id, name, hash, quota_seconds, priority, created_at, revoked_at FROM api_keys {where}", args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var keys = new List<ApiKeyRecord>();
        while (await r.ReadAsync(ct))
            keys.Add(new ApiKeyRecord(r.GetString(0), r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : Convert.ToDouble(r.GetValue(3)), Convert.ToInt32(r.GetValue(4)),
                Convert.ToInt64(r.GetValue(5)), r.IsDBNull(6) ? null : Convert.ToInt64(r.GetValue(6))));
        return keys;
    }

    private static Task<JobRecord?> GetAsync(DbConnection c, string id, CancellationToken ct) =>
        QueryJobAsync(c, $"SELECT {Columns} FROM jobs WHERE id = @id", ct, ("id", id));

    private static async Task<JobRecord?> QueryJobAsync(DbConnection c, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(c, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        string? Str(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        long? Long(int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i));
        return new JobRecord(
            Id: r.GetString(0), Kind: r.GetString(1), Status: r.GetString(2), Progress: Convert.ToDouble(r.GetValue(3)),
            Error: Str(4), Spec: r.GetString(5),
            Outputs: JsonSerializer.Deserialize<List<JobOutput>>(r.GetString(6), Json) ?? [],
            Attempts: Convert.ToInt32(r.GetValue(7)), MaxAttempts: Convert.ToInt32(r.GetValue(8)), Priority: Convert.ToInt32(r.GetValue(9)),
            KeyId: Str(10), CreatedAt: Convert.ToInt64(r.GetValue(11)), StartedAt: Long(12), FinishedAt: Long(13),
            LeaseOwner: Str(14), LeaseExpiresAt: Long(15), Completions: Convert.ToInt32(r.GetValue(16)));
    }

    protected static async Task<int> ExecuteAsync(DbConnection c, string sql, CancellationToken ct, params (string, object?)[] args)
    {
        await using var cmd = Command(c, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection c, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
