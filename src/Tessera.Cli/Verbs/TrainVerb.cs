using System.CommandLine;

namespace Tessera.Cli.Verbs;

public static class TrainVerb
{
    public static Command Create() => NotAvailableVerb.Create("train", "Train the video VAE or the diffusion transformer");
}
