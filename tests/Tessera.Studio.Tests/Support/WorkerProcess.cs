using System.Diagnostics;
using System.Text;

namespace Tessera.Studio.Tests.Support;

/// <summary>A real `tessera worker` process (the CLI built beside the tests), with the test-pattern backend.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public int Pid => _process.Id;
    public string Output { get { lock (_output) return _output.ToString(); } }

    private WorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static WorkerProcess Start(TestStore store, string executionLog, int loops = 1, int frameDelayMs = 40, double leaseSeconds = 2)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "tessera.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(cli);
        foreach (var a in new[] { "worker", "--data", store.DataDir, "--db", store.Kind, "--workers", loops.ToString(),
                     "--backend", "test-pattern", "--lease-seconds", leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        if (store.Connection is not null) { info.ArgumentList.Add("--connection"); info.ArgumentList.Add(store.Connection); }
        info.Environment["TESSERA_TEST_PATTERN_LOG"] = executionLog;
        info.Environment["TESSERA_TEST_PATTERN_DELAY_MS"] = frameDelayMs.ToString();
        return new WorkerProcess(Process.Start(info)!);
    }

    /// <summary>kill -9: no chance to hand its jobs back.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true); // SIGKILL on Linux
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) KillHard();
        _process.Dispose();
    }
}
