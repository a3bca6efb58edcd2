using System.Diagnostics;
using System.Text;

namespace Tessera.Media;

/// <summary>
/// A child process (ffmpeg, ffprobe) whose lifetime is bounded: it is killed with its children when
/// disposed or when its deadline passes, so a bad file can neither hang the caller nor leak a process.
/// Standard error is collected in the background (bounded) so the child never blocks on a full pipe.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int MaxStderrChars = 64 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task _stderrPump;
    private readonly Timer? _deadline;
    private int _timedOut;

    public string Program { get; }

    private ChildProcess(Process process, string program, TimeSpan? timeout)
    {
        _process = process;
        Program = program;
        _stderrPump = Task.Run(PumpStderr);
        PipeTuning.Enlarge(process.StandardOutput.BaseStream);
        if (timeout is { } t && t != Timeout.InfiniteTimeSpan)
            _deadline = new Timer(_ => { Interlocked.Exchange(ref _timedOut, 1); Kill(); }, null, t, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts <paramref name="program"/> with stdin/stdout redirected as raw byte streams.</summary>
    public static ChildProcess Start(string program, IEnumerable<string> args, TimeSpan? timeout = null, bool redirectStdin = false)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = redirectStdin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            var p = Process.Start(info) ?? throw new MediaError($"could not start {program}", 1);
            if (redirectStdin) PipeTuning.Enlarge(p.StandardInput.BaseStream);
            return new ChildProcess(p, Path.GetFileName(program), timeout);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MediaError($"could not start {program}: {e.Message}", 1, e);
        }
    }

    /// <summary>The operating-system process id (tests check that no child outlives its owner).</summary>
    public int ProcessId => _process.Id;

    public Stream StandardOutput => _process.StandardOutput.BaseStream;
    public Stream StandardInput => _process.StandardInput.BaseStream;
    public bool TimedOut => Volatile.Read(ref _timedOut) == 1;
    public bool HasExited => _process.HasExited;

    /// <summary>The last part of what the child wrote to stderr (for error messages).</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>The last meaningful stderr line: ffmpeg puts the reason for a failure there.</summary>
    public string LastErrorLine()
    {
        var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : lines[^1];
    }

    public int WaitForExit()
    {
        _process.WaitForExit();
        _stderrPump.Wait(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    /// <summary>Runs to completion and returns stdout as text; throws MediaError on failure or timeout.</summary>
    public static string RunForText(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        using var child = Start(program, args, timeout);
        using var reader = new StreamReader(child.StandardOutput, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var code = child.WaitForExit();
        if (child.TimedOut) throw new MediaError($"{child.Program} took longer than {timeout.TotalSeconds:0} s and was stopped", 1);
        if (code != 0) throw new MediaError($"{child.Program} failed: {child.LastErrorLine()}", 2);
        return text;
    }

    private async Task PumpStderr()
    {
        var buffer = new char[4096];
        var reader = _process.StandardError;
        int n;
        while ((n = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
        {
            lock (_stderr)
            {
                _stderr.Append(buffer, 0, n);
                if (_stderr.Length > MaxStderrChars) _stderr.Remove(0, _stderr.Length - MaxStderrChars);
            }
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    public void Dispose()
    {
        _deadline?.Dispose();
        Kill();
        try { _process.WaitForExit(2000); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
