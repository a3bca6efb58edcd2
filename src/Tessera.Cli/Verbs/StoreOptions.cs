using System.CommandLine;

namespace Tessera.Cli.Verbs;

/// <summary>--data, --db and --connection: where the studio keeps its jobs, keys and files (serve, worker, keys).</summary>
public sealed class StoreOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Folder for files (content-addressed) and, with SQLite, the database",
        DefaultValueFactory = _ => "data",
    };
    public Option<string> Db { get; } = new("--db")
    {
        Description = "Job store: sqlite (embedded, in --data) or postgres (shared by many worker machines)",
        DefaultValueFactory = _ => "sqlite",
    };
    public Option<string?> Connection { get; } = new("--connection") { Description = "PostgreSQL connection string (with --db postgres)" };

    public StoreOptions()
    {
        Db.AcceptOnlyFromAmong("sqlite", "postgres");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Db);
        command.Options.Add(Connection);
    }
}
