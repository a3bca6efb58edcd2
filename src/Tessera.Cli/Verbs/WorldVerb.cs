using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class WorldVerb
{
    public static Command Create() => NotAvailableVerb.Create("world", "Render scenes and data sets from the procedural world");
}
