using System.Runtime.InteropServices;

namespace Tessera.Cli.Terminal;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM (kill, systemd, a job runner) ask a long command to stop cleanly: the first signal
/// cancels the token, so the command finishes what it is doing and saves; a later one is left to the default
/// handler, which ends the process at once.
/// </summary>
public static class StopSignals
{
    /// <summary>Until disposed, SIGINT and SIGTERM cancel <paramref name="stop"/>.</summary>
    public static IDisposable Cancel(CancellationTokenSource stop)
    {
        void OnSignal(PosixSignalContext context)
        {
            if (stop.IsCancellationRequested) return;
            context.Cancel = true;
            stop.Cancel();
        }
        return new Registrations(
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    private sealed class Registrations(params PosixSignalRegistration[] all) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in all) registration.Dispose();
        }
    }
}
