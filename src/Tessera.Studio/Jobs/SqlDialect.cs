namespace Tessera.Studio.Jobs;

/// <summary>
/// The few words in which SQLite and PostgreSQL differ for our schema; every statement is otherwise the same
/// text on both, so the two stores have the same semantics by construction.
/// </summary>
/// <param name="BigInt">The 64-bit integer column type.</param>
/// <param name="Real">The floating-point column type.</param>
/// <param name="LockReadyRow">Appended to the "pick the next ready job" subquery: PostgreSQL locks the row and
/// skips rows other workers hold (FOR UPDATE SKIP LOCKED); SQLite needs nothing because a write statement
/// holds the database's single write lock.</param>
public sealed record SqlDialect(string Name, string BigInt, string Real, string LockReadyRow)
{
    public static readonly SqlDialect Sqlite = new("sqlite", "INTEGER", "REAL", "");
    public static readonly SqlDialect Postgres = new("postgres", "BIGINT", "DOUBLE PRECISION", "FOR UPDATE SKIP LOCKED");

    public string[] Schema() =>
    [
        $"""
        CREATE TABLE IF NOT EXISTS jobs (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            progress {Real} NOT NULL DEFAULT 0,
            error TEXT NULL,
            spec TEXT NOT NULL,
            outputs TEXT NOT NULL DEFAULT '[]',
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL,
            priority INTEGER NOT NULL DEFAULT 0,
            sort_key {BigInt} NOT NULL,
            key_id TEXT NULL,
            idempotency_key TEXT NULL,
            created_at {BigInt} NOT NULL,
            run_after {BigInt} NOT NULL,
            started_at {BigInt} NULL,
            finished_at {BigInt} NULL,
            lease_owner TEXT NULL,
            lease_expires_at {BigInt} NULL,
            completions INTEGER NOT NULL DEFAULT 0)
        """,
        "CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (status, sort_key)",
        // COALESCE: jobs without a key (dev mode) still get one idempotency namespace.
        "CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency ON jobs (COALESCE(key_id, ''), idempotency_key) WHERE idempotency_key IS NOT NULL",
        $"""
        CREATE TABLE IF NOT EXISTS assets (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size {BigInt} NOT NULL,
            name TEXT NOT NULL,
            created_at {BigInt} NOT NULL)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            hash TEXT NOT NULL UNIQUE,
            quota_seconds {Real} NULL,
            priority INTEGER NOT NULL DEFAULT 0,
            created_at {BigInt} NOT NULL,
            revoked_at {BigInt} NULL)
        """,
        $"""
        CREATE TABLE IF NOT EXISTS key_usage (
            key_id TEXT NOT NULL,
            day TEXT NOT NULL,
            seconds {Real} NOT NULL,
            PRIMARY KEY (key_id, day))
        """,
    ];
}
