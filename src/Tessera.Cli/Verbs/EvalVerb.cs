using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class EvalVerb
{
    public static Command Create() => NotAvailableVerb.Create("eval", "Score videos against prompts and ground truth");
}
