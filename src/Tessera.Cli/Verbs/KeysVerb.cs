using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class KeysVerb
{
    public static Command Create() => NotAvailableVerb.Create("keys", "Create, list and revoke API keys");
}
