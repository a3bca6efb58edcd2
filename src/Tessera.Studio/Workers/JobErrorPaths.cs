using Tessera.Media;

namespace Tessera.Studio.Workers;

/// <summary>
/// The server's own files a job runs on (stored assets, its work folder, the data folder) and what to call them in an
/// error instead. A failed job's error goes back to whoever submitted it: they know their asset ids, not the server's
/// disk layout, and should not be shown it — "the context clip asset 3f…a1 has 2 frames", not a blob path.
/// </summary>
public sealed class JobErrorPaths
{
    private readonly List<(string Path, string Name)> _names = [];

    public void Add(string path, string name)
    {
        _names.Add((Path.GetFullPath(path), name));
        // A relative form is matched too, but only one with a folder in it: a bare "data" would rewrite plain words.
        if (!Path.IsPathFullyQualified(path) && path.Contains(Path.DirectorySeparatorChar)) _names.Add((path, name));
        // Longest first, so a file inside a named folder is named as the file, not as "folder/…".
        _names.Sort((a, b) => b.Path.Length.CompareTo(a.Path.Length));
    }

    public bool AnyIn(string message) => _names.Any(n => message.Contains(n.Path, StringComparison.Ordinal));

    public string Rewrite(string message)
    {
        foreach (var (path, name) in _names) message = message.Replace(path, name, StringComparison.Ordinal);
        return message;
    }

    /// <summary>
    /// The same failure, told without the paths. The kind is kept where the worker's retry decision reads it: bad
    /// input (a <see cref="TesseraError"/> with its exit code) stays bad input; anything else stays retryable and keeps
    /// its type's name, as the worker would have written it.
    /// </summary>
    public TesseraError Rewrite(Exception e) => e is TesseraError t
        ? new TesseraError(Rewrite(t.Message), t.ExitCode, e)
        : new TesseraError($"{e.GetType().Name}: {Rewrite(e.Message)}", 1, e);
}
