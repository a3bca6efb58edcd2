using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class ServeVerb
{
    public static Command Create() => NotAvailableVerb.Create("serve", "Run the web studio and REST API");
}
