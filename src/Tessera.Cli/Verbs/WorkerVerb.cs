using System.CommandLine;
using System.Runtime.InteropServices;
using Tessera.Studio.Backends;
using Tessera.Studio.Hosting;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera worker</c>: job workers without the web server, sharing the queue of a `tessera serve`.</summary>
public static class WorkerVerb
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var workers = new WorkerOptionsFlags(defaultWorkers: 1);
        var command = new Command("worker", VerbAction.Describe(
            "Run job workers against a shared queue (PostgreSQL across machines, or the SQLite file of a local serve)",
            "tessera worker --db postgres --connection \"Host=db;Username=tessera;Password=...\" --data /mnt/shared/tessera",
            "tessera worker --data data --workers 2"));
        store.AddTo(command);
        workers.AddTo(command);
        VerbAction.Set(command, parse =>
        {
            var options = workers.Read(parse, minWorkers: 1);
            var data = parse.GetValue(store.Data)!;
            var backends = workers.Backends(parse, data);
            using var stop = new CancellationTokenSource();
            // SIGINT / SIGTERM: finish cleanly, handing running jobs back to the queue at once.
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            Console.WriteLine($"Tessera worker: {parse.GetValue(workers.Workers)} loop(s) on {parse.GetValue(store.Db)}, data {Path.GetFullPath(data)}, backend {backends.Description}; Ctrl+C to stop");
            WorkerHost.RunAsync(parse.GetValue(store.Db)!, parse.GetValue(store.Connection), data, parse.GetValue(workers.Workers), options, backends, stop.Token)
                .GetAwaiter().GetResult();
            return 0;
        });
        return command;
    }
}
