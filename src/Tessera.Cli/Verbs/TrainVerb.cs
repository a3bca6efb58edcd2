using System.CommandLine;

namespace Tessera.Cli.Verbs;

/// <summary>
/// <c>tessera train vae|dit</c>. Temporary wiring from the engine-vae branch so `train vae` runs before the
/// engine-dit branch (which owns this file) lands; that branch's version replaces this one.
/// </summary>
public static class TrainVerb
{
    public static Command Create()
    {
        var command = new Command("train", "Train the video VAE or the diffusion transformer");
        command.Subcommands.Add(TrainVaeCommand.Create());
        return command;
    }
}
