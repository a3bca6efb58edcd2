using System.Data.Common;
using Npgsql;

namespace Tessera.Studio.Jobs;

/// <summary>
/// The shared store for many worker machines: PostgreSQL, where leasing uses FOR UPDATE SKIP LOCKED so workers
/// never wait on each other and never take the same row. A "Search Path" in the connection string selects
/// a schema, created if missing (one schema per test, or per studio sharing a server).
/// </summary>
public sealed class PostgresJobStore : SqlJobStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string? _schema;

    public PostgresJobStore(string connectionString) : base(SqlDialect.Postgres)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new Tessera.Media.TesseraError($"--connection is not a valid PostgreSQL connection string ({e.Message}); " +
                "example: \"Host=db;Username=tessera;Password=...;Database=tessera\"");
        }
        _schema = builder.SearchPath?.Split(',')[0].Trim();
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override async Task InitializeAsync(CancellationToken ct = default)
    {
        try
        {
            if (!string.IsNullOrEmpty(_schema))
            {
                await using var c = await OpenAsync(ct);
                await ExecuteAsync(c, $"CREATE SCHEMA IF NOT EXISTS \"{_schema.Replace("\"", "\"\"")}\"", ct);
            }
            await base.InitializeAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == "23505")
        {
            // Two processes created the same table at once: the other one won, which is all we wanted.
            await base.InitializeAsync(ct);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            throw new Tessera.Media.TesseraError($"cannot reach PostgreSQL ({e.Message}); check --connection and that the server is running", 1, e);
        }
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    public override void Dispose()
    {
        _dataSource.Dispose();
        base.Dispose();
    }
}
