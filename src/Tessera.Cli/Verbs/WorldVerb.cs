using System.CommandLine;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera world render|dataset|bench|vocabulary</c>: the procedural world.</summary>
public static class WorldVerb
{
    public static Command Create()
    {
        var command = new Command("world", VerbAction.Describe(
            "Render scenes and data sets from the procedural world (captioned, with exact ground truth)",
            "tessera world render --scenario free --seed 7 --output ball.mp4 --truth ball.json",
            "tessera world render --prompt \"a red ball rolls to the right\" --output red.mp4",
            "tessera world dataset --scenario free --count 1000 --size 64x64 --frames 16 --out data/free",
            "tessera world vocabulary"));
        command.Subcommands.Add(WorldRenderCommand.Create());
        command.Subcommands.Add(WorldDatasetCommand.Create());
        command.Subcommands.Add(WorldBenchCommand.Create());
        command.Subcommands.Add(WorldVocabularyCommand.Create());
        return command;
    }
}
