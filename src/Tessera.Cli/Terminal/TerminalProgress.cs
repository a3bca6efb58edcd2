using Spectre.Console;
using Spectre.Console.Rendering;
using Tessera.Media;

namespace Tessera.Cli.Terminal;

/// <summary>
/// A progress bar with rate and ETA for long work; silent when stderr is not a terminal, so scripts
/// and logs get only the result. The work runs on the calling thread (tensor scopes are thread-bound).
/// </summary>
public static class TerminalProgress
{
    public static bool Interactive =>
        !System.Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    public static T Run<T>(string description, string unit, Func<IProgress<ProgressUpdate>, T> work)
    {
        if (!Interactive) return work(new Progress<ProgressUpdate>());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new RateColumn(unit), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: 1);
                var sink = new TaskSink(task, description);
                result = work(sink);
                task.Value = task.MaxValue;
            });
        return result;
    }

    public static void Run(string description, string unit, Action<IProgress<ProgressUpdate>> work) =>
        Run<int>(description, unit, p => { work(p); return 0; });

    /// <summary>Synchronous: Progress&lt;T&gt; would post to the thread pool and lag behind.</summary>
    private sealed class TaskSink(ProgressTask task, string description) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            if (value.Total > 0 && Math.Abs(task.MaxValue - value.Total) > 1e-9) task.MaxValue = value.Total;
            task.Value = value.Done;
            task.Description = Markup.Escape(value.Status is null ? description : $"{description} {value.Status}");
        }
    }

    /// <summary>Units per second since the task started, e.g. "41.3 frames/s".</summary>
    private sealed class RateColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var elapsed = task.ElapsedTime?.TotalSeconds ?? 0;
            var rate = elapsed > 0 ? task.Value / elapsed : 0;
            return new Text($"{rate:0.0} {unit}/s", new Style(Color.Grey));
        }
    }
}
