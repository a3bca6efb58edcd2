using System.CommandLine;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera train vae|dit</c>: the two training stages of the video model.</summary>
public static class TrainVerb
{
    public static Command Create()
    {
        var command = new Command("train", VerbAction.Describe(
            "Train the video VAE, then the diffusion transformer on its latents",
            "tessera train dit --data /work/data/free-64 --out runs/dit --preset tiny"));
        command.Subcommands.Add(TrainVaeCommand.Create());
        command.Subcommands.Add(TrainDitCommand.Create());
        return command;
    }
}
