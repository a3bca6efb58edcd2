using Tessera.Studio.Jobs;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Jobs;

/// <summary>One suite, two databases: the SQLite and PostgreSQL stores must behave the same.</summary>
public sealed class JobStoreTests
{
    private static NewJob Job(int priority = 0, string? key = null, string? idem = null, int maxAttempts = 3) =>
        new("job_" + Guid.CreateVersion7().ToString("N"), JobKind.Generation, "{}", priority, key, idem, maxAttempts);

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, SqliteStore, PostgresStore]
    public async Task Enqueued_job_is_queued_and_leased_once(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var (job, created) = await t.Store.EnqueueAsync(Job());
        Assert.True(created);
        Assert.Equal(JobStatus.Queued, job.Status);

        var lease = await t.Store.TryLeaseAsync("w1", Lease);
        Assert.NotNull(lease);
        Assert.Equal(job.Id, lease.Job.Id);
        Assert.Equal(JobStatus.Running, lease.Job.Status);
        Assert.Equal(1, lease.Attempt);
        Assert.Null(await t.Store.TryLeaseAsync("w2", Lease)); // held: nobody else gets it
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Idempotency_key_returns_the_same_job_per_key(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var (first, created1) = await t.Store.EnqueueAsync(Job(key: "k1", idem: "abc"));
        var (again, created2) = await t.Store.EnqueueAsync(Job(key: "k1", idem: "abc"));
        var (other, created3) = await t.Store.EnqueueAsync(Job(key: "k2", idem: "abc"));
        Assert.True(created1);
        Assert.False(created2);
        Assert.Equal(first.Id, again.Id);
        Assert.True(created3);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Concurrent_workers_never_lease_the_same_job(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        for (var i = 0; i < 30; i++) await t.Store.EnqueueAsync(Job());
        var leased = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            while (await t.Store.TryLeaseAsync($"w{w}", Lease) is { } lease) leased.Add(lease.Job.Id);
        })));
        Assert.Equal(30, leased.Count);
        Assert.Equal(30, leased.Distinct().Count());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Expired_lease_is_taken_over_and_the_old_owner_can_no_longer_write(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        await t.Store.EnqueueAsync(Job());
        var dead = await t.Store.TryLeaseAsync("dead", TimeSpan.FromMilliseconds(100));
        Assert.NotNull(dead);
        await Task.Delay(250);

        var taken = await t.Store.TryLeaseAsync("alive", Lease);
        Assert.NotNull(taken);
        Assert.Equal(2, taken.Attempt);
        Assert.False(await t.Store.HeartbeatAsync(dead, 0.5, Lease));
        Assert.False(await t.Store.CompleteAsync(dead, [new JobOutput(new string('a', 64), 1)]));
        Assert.True(await t.Store.CompleteAsync(taken, [new JobOutput(new string('b', 64), 7)]));

        var done = (await t.Store.GetAsync(taken.Job.Id))!;
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Equal(1, done.Completions);
        Assert.Equal(7, Assert.Single(done.Outputs).Seed);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task A_job_whose_workers_keep_dying_fails_with_a_reason(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var (job, _) = await t.Store.EnqueueAsync(Job(maxAttempts: 2));
        for (var i = 0; i < 2; i++)
        {
            Assert.NotNull(await t.Store.TryLeaseAsync($"crashing{i}", TimeSpan.FromMilliseconds(50)));
            await Task.Delay(120);
        }
        Assert.Null(await t.Store.TryLeaseAsync("w", Lease));
        var failed = (await t.Store.GetAsync(job.Id))!;
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("stopped responding 2 times", failed.Error);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Failed_run_waits_for_its_backoff_then_runs_again(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var (job, _) = await t.Store.EnqueueAsync(Job());
        var lease = (await t.Store.TryLeaseAsync("w", Lease))!;
        Assert.True(await t.Store.FailAsync(lease, "boom", DateTimeOffset.UtcNow.AddMilliseconds(300)));
        Assert.Equal(JobStatus.Queued, (await t.Store.GetAsync(job.Id))!.Status);
        Assert.Null(await t.Store.TryLeaseAsync("w", Lease)); // not due yet
        await Task.Delay(400);
        var again = await t.Store.TryLeaseAsync("w", Lease);
        Assert.NotNull(again);
        Assert.Equal(2, again.Attempt);
        Assert.True(await t.Store.FailAsync(again, "boom twice", null));
        var failed = (await t.Store.GetAsync(job.Id))!;
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Equal("boom twice", failed.Error);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Cancel_stops_queued_and_running_jobs_and_revokes_the_lease(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var (running, _) = await t.Store.EnqueueAsync(Job());
        var lease = (await t.Store.TryLeaseAsync("w", Lease))!;
        var (queued, _) = await t.Store.EnqueueAsync(Job());
        Assert.Equal(JobStatus.Canceled, (await t.Store.CancelAsync(running.Id))!.Status);
        Assert.Equal(JobStatus.Canceled, (await t.Store.CancelAsync(queued.Id))!.Status);
        Assert.False(await t.Store.HeartbeatAsync(lease, 0.5, Lease)); // the worker learns it must stop
        Assert.False(await t.Store.CompleteAsync(lease, []));
        Assert.Null(await t.Store.TryLeaseAsync("w", Lease));
        Assert.Null(await t.Store.CancelAsync("job_" + new string('0', 32)));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Paid_jobs_go_first_but_old_free_jobs_are_not_starved(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var (free, _) = await t.Store.EnqueueAsync(Job(priority: 0));
        var (paid, _) = await t.Store.EnqueueAsync(Job(priority: 1));
        Assert.Equal(paid.Id, (await t.Store.TryLeaseAsync("w", Lease))!.Job.Id);
        Assert.Equal(free.Id, (await t.Store.TryLeaseAsync("w", Lease))!.Job.Id);

        // A paid job counts as enqueued one minute earlier: a free job older than that still goes first.
        var old = Job(priority: 0);
        await t.Store.EnqueueAsync(old);
        await Backdate(t, old.Id, SqlJobStore.PriorityHeadStart + TimeSpan.FromSeconds(5));
        await t.Store.EnqueueAsync(Job(priority: 1));
        Assert.Equal(old.Id, (await t.Store.TryLeaseAsync("w", Lease))!.Job.Id);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Quota_charges_never_pass_the_limit_even_when_concurrent(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => t.Store.TryChargeAsync("k", "2026-01-01", 3, 10)));
        Assert.Equal(3, results.Count(ok => ok));
        Assert.Equal(9, await t.Store.UsedSecondsAsync("k", "2026-01-01"));
        Assert.True(await t.Store.TryChargeAsync("k", "2026-01-02", 3, 10)); // a new day
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Keys_are_found_by_hash_and_revoked_by_name(string kind)
    {
        using var t = await TestStores.CreateAsync(kind);
        var (record, secret) = Tessera.Studio.Auth.ApiKeys.Create("alice", 60, 1);
        await t.Store.CreateKeyAsync(record);
        var found = await t.Store.FindKeyByHashAsync(Tessera.Studio.Auth.ApiKeys.Hash(secret));
        Assert.Equal("alice", found?.Name);
        Assert.DoesNotContain(secret, found!.Hash);
        Assert.True(await t.Store.RevokeKeyAsync("alice"));
        Assert.NotNull((await t.Store.FindKeyByHashAsync(record.Hash))!.RevokedAt);
        Assert.False(await t.Store.RevokeKeyAsync("alice"));
    }

    /// <summary>Moves a job's place in line back in time (as if it had waited that long).</summary>
    private static async Task Backdate(TestStore t, string id, TimeSpan by)
    {
        var ms = (long)by.TotalMilliseconds;
        if (t.Kind == "sqlite")
        {
            await using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(t.DataDir, "tessera.db")}");
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"UPDATE jobs SET sort_key = sort_key - {ms}, created_at = created_at - {ms} WHERE id = '{id}'";
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            await using var c = new Npgsql.NpgsqlConnection(t.Connection);
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"UPDATE jobs SET sort_key = sort_key - {ms}, created_at = created_at - {ms} WHERE id = '{id}'", c);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
