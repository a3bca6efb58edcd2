using System.CommandLine;
using Tessera.Cli.Verbs;

namespace Tessera.Cli;

/// <summary>Builds the verb tree. Each verb lives in its own file under Verbs/.</summary>
public static class TesseraCli
{
    public static int Run(string[] args)
    {
        var root = new RootCommand(
            "Tessera — an open, self-hosted AI video studio: generate, train, edit and serve.\n" +
            "Run 'tessera VERB --help' for a verb's options and examples.");
        foreach (var verb in Verbs()) root.Subcommands.Add(verb);
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Every verb, in the order --help lists them.</summary>
    private static IEnumerable<Command> Verbs() =>
    [
        GenerateVerb.Create(),
        RenderVerb.Create(),
        WorldVerb.Create(),
        EvalVerb.Create(),
        TrainVerb.Create(),
        ServeVerb.Create(),
        WorkerVerb.Create(),
        KeysVerb.Create(),
        BenchVerb.Create(),
        ProbeVerb.Create(),
    ];
}
