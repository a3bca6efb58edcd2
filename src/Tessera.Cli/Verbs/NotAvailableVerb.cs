using System.CommandLine;

namespace Tessera.Cli.Verbs;

/// <summary>A verb whose feature has not landed yet: it says so plainly and exits 2.</summary>
public static class NotAvailableVerb
{
    public static Command Create(string name, string summary)
    {
        var command = new Command(name, summary + " (not available yet)");
        // Accept anything so that the message below, not a parse error, is what the user sees.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(_ =>
        {
            Console.Error.WriteLine($"error: '{name}' is not available yet in this build of Tessera");
            return 2;
        });
        return command;
    }
}
