using System.CommandLine;
using Tessera.Media;

namespace Tessera.Cli.Verbs;

/// <summary>
/// Wraps a verb's body so that a TesseraError becomes one line on stderr and its exit code, and
/// anything else (a bug) one line too, never a stack trace unless TESSERA_DEBUG=1.
/// </summary>
public static class VerbAction
{
    public static void Set(Command command, Func<ParseResult, int> body) =>
        command.SetAction(parse => Guard(() => body(parse)));

    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (TesseraError e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("canceled");
            return 130;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("TESSERA_DEBUG") != "1")
        {
            Console.Error.WriteLine($"error: internal failure ({e.GetType().Name}: {e.Message}); rerun with TESSERA_DEBUG=1 for details and report it");
            return 1;
        }
    }

    /// <summary>A description followed by an "Examples:" block, for --help.</summary>
    public static string Describe(string summary, params string[] examples) =>
        examples.Length == 0 ? summary : summary + "\n\nExamples:\n" + string.Join("\n", examples.Select(e => "  " + e));
}
