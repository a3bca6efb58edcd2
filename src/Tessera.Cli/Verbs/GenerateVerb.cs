using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class GenerateVerb
{
    public static Command Create() => NotAvailableVerb.Create("generate", "Generate video from text, a first frame, first + last frames, or a clip");
}
