using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Tessera.Studio.Jobs;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never wait for the writer) with a busy timeout, so
/// the server's workers and separate worker processes on the same machine can share it.
/// </summary>
public sealed class SqliteJobStore : SqlJobStore
{
    private readonly string _connectionString;

    public string DatabasePath { get; }

    public SqliteJobStore(string databasePath) : base(SqlDialect.Sqlite)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout passes.
            DefaultTimeout = 30,
        }.ToString();
    }

    public override async Task InitializeAsync(CancellationToken ct = default)
    {
        var dir = Path.GetDirectoryName(DatabasePath)!;
        if (!Directory.Exists(dir)) throw new Tessera.Media.TesseraError($"data folder does not exist: {dir}; create it or pass another --data");
        await using (var c = await OpenAsync(ct))
            await ExecuteAsync(c, "PRAGMA journal_mode = WAL", ct);
        await base.InitializeAsync(ct);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        return c;
    }

    public override void Dispose()
    {
        // Pooled handles keep the file (and its -wal) open; tests delete their folders right after.
        SqliteConnection.ClearAllPools();
        base.Dispose();
    }
}
