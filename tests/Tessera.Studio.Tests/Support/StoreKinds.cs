using System.Reflection;
using Npgsql;
using Tessera.Studio.Jobs;
using Xunit.Sdk;

namespace Tessera.Studio.Tests.Support;

/// <summary>Runs a store test against SQLite (always).</summary>
public sealed class SqliteStoreAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["sqlite"]];
}

/// <summary>Runs a store test against PostgreSQL; skipped, with the reason, when TESSERA_TEST_POSTGRES is unset.</summary>
public sealed class PostgresStoreAttribute : DataAttribute
{
    public PostgresStoreAttribute()
    {
        if (TestStores.PostgresConnection is null)
            Skip = "PostgreSQL tests need TESSERA_TEST_POSTGRES (a connection string); ./test sets it via scripts/start-test-postgres";
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["postgres"]];
}

/// <summary>A fresh, private store per test: a temp SQLite file, or a new PostgreSQL schema dropped afterwards.</summary>
public sealed class TestStore : IDisposable
{
    public required IJobStore Store { get; init; }
    public required string Kind { get; init; }
    public required string DataDir { get; init; }
    /// <summary>What `tessera worker --db ... --connection ...` needs to reach the same store.</summary>
    public string? Connection { get; init; }
    public string? Schema { get; init; }

    public void Dispose()
    {
        Store.Dispose();
        if (Schema is not null)
        {
            using var c = new NpgsqlConnection(TestStores.PostgresConnection);
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", c);
            cmd.ExecuteNonQuery();
        }
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}

public static class TestStores
{
    public static string? PostgresConnection => Environment.GetEnvironmentVariable("TESSERA_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static async Task<TestStore> CreateAsync(string kind)
    {
        var dataDir = Directory.CreateTempSubdirectory("tessera-studio-test-").FullName;
        TestStore store;
        if (kind == "sqlite")
        {
            store = new TestStore { Store = new SqliteJobStore(Path.Combine(dataDir, "tessera.db")), Kind = kind, DataDir = dataDir };
        }
        else
        {
            var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
            var connection = new NpgsqlConnectionStringBuilder(PostgresConnection) { SearchPath = schema }.ToString();
            store = new TestStore { Store = new PostgresJobStore(connection), Kind = kind, DataDir = dataDir, Connection = connection, Schema = schema };
        }
        await store.Store.InitializeAsync();
        return store;
    }
}
