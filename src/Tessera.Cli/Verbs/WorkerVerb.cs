using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class WorkerVerb
{
    public static Command Create() => NotAvailableVerb.Create("worker", "Run job workers against a shared queue (SQLite or PostgreSQL)");
}
