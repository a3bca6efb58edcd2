namespace Tessera.Media;

/// <summary>
/// An error a user can act on: the message says what was wrong, where, and what to do.
/// Every entry point (CLI verb, HTTP handler) turns it into one line and a non-zero exit or a 4xx,
/// never a stack trace. Exceptions that are not a TesseraError are bugs.
/// </summary>
public class TesseraError : Exception
{
    /// <summary>Process exit code the CLI uses: 2 for bad input, 1 for a failure while working.</summary>
    public int ExitCode { get; }

    public TesseraError(string message, int exitCode = 2, Exception? inner = null) : base(message, inner)
    {
        ExitCode = exitCode;
    }
}

/// <summary>A media file could not be read or written (missing, not a video, truncated, ffmpeg failed).</summary>
public sealed class MediaError : TesseraError
{
    public MediaError(string message, int exitCode = 2, Exception? inner = null) : base(message, exitCode, inner) { }
}
