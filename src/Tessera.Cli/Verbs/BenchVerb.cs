using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class BenchVerb
{
    public static Command Create() => NotAvailableVerb.Create("bench", "Run benchmarks and write docs/BENCHMARKS.md");
}
