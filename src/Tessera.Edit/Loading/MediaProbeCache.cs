using System.Collections.Concurrent;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Probe results shared by the loader, the editly mapper and the validator, so each media file of a
/// render is probed once. MP4/MOV files are read in-process without starting anything; any other file costs an
/// ffprobe process (about 0.25 s of CPU, nearly all of it loading FFmpeg's libraries). The loader starts a
/// probe as soon as it meets a file (on its own thread), so probes run while it goes on parsing and resolving fonts.
/// Entries are keyed by path, size and modification time, so a file changed in place is probed again;
/// failures are not kept (the file may be fixed and tried again).
/// </summary>
internal static class MediaProbeCache
{
    /// <summary>A long-running process (the studio) meets many files; past this many the cache starts over.</summary>
    private const int MaxEntries = 1024;

    private readonly record struct Key(string Path, long Length, DateTime Modified);

    private static readonly ConcurrentDictionary<Key, Lazy<Task<MediaInfo>>> Entries = new();

    /// <summary>Starts probing <paramref name="file"/> in the background if it exists and is not probed yet.</summary>
    public static void Prefetch(string file) => _ = Start(file);

    /// <summary>The file's media info, from the cache or a probe; throws MediaError as MediaProbe.Probe does.</summary>
    public static MediaInfo Probe(string file) =>
        Start(file) is { } probe ? probe.GetAwaiter().GetResult() : MediaProbe.Probe(file); // missing or empty: MediaProbe says which

    private static Task<MediaInfo>? Start(string file)
    {
        Key key;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists || info.Length == 0) return null;
            key = new Key(file, info.Length, info.LastWriteTimeUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
        if (Entries.Count >= MaxEntries) Entries.Clear();
        return Entries.GetOrAdd(key, k => new Lazy<Task<MediaInfo>>(() => StartProbe(k))).Value;
    }

    private static Task<MediaInfo> StartProbe(Key key)
    {
        // A thread of its own: a probe waits on a child process, and on a 2-core machine the thread pool
        // would run them one or two at a time.
        var task = Task.Factory.StartNew(() => MediaProbe.Probe(key.Path), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        task.ContinueWith(t => { _ = t.Exception; Entries.TryRemove(key, out _); }, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }
}
