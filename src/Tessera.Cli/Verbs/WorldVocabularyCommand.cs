using System.CommandLine;
using Tessera.World.Captions;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera world vocabulary</c>: every word the world (and the shipped model) knows.</summary>
public static class WorldVocabularyCommand
{
    public static Command Create()
    {
        var command = new Command("vocabulary", VerbAction.Describe(
            "List the words prompts may use, English and Chinese, grouped by meaning (markdown)",
            "tessera world vocabulary"));
        VerbAction.Set(command, _ =>
        {
            Console.WriteLine(VocabularyTable.Markdown());
            return 0;
        });
        return command;
    }
}
