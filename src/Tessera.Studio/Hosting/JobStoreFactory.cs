using Tessera.Media;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Hosting;

/// <summary>Opens the store the command line names: the same choice for serve, worker and keys.</summary>
public static class JobStoreFactory
{
    public static IJobStore Open(string database, string? connection, string dataDir) => database switch
    {
        "sqlite" when connection is not null =>
            throw new TesseraError("--connection is only for --db postgres; SQLite keeps its database in --data"),
        "sqlite" => new SqliteJobStore(Path.Combine(PrepareDataDir(dataDir), "tessera.db")),
        "postgres" when string.IsNullOrWhiteSpace(connection) =>
            throw new TesseraError("--db postgres needs --connection, e.g. --connection \"Host=db;Username=tessera;Password=...;Database=tessera\""),
        "postgres" => new PostgresJobStore(connection!),
        _ => throw new TesseraError($"--db must be sqlite or postgres, not '{database}'"),
    };

    public static string PrepareDataDir(string dataDir)
    {
        var full = Path.GetFullPath(dataDir);
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TesseraError($"cannot create the data folder {full}: {e.Message}; pass a writable --data");
        }
        return full;
    }
}
