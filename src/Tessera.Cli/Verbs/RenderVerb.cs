using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class RenderVerb
{
    public static Command Create() => NotAvailableVerb.Create("render", "Render a timeline (Tessera JSON or editly JSON5) to an MP4");
}
