using System.CommandLine;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Tessera.Media;
using Tessera.Studio.Backends;
using Tessera.Studio.Hosting;

namespace Tessera.Cli.Verbs;

/// <summary><c>tessera serve</c>: the web studio, REST API and in-process workers.</summary>
public static class ServeVerb
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var dev = new Option<bool>("--dev") { Description = "Requests from this machine (loopback) need no API key" };
        var rate = new Option<int>("--rate-limit") { Description = "Requests per second per API key", DefaultValueFactory = _ => 50 };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest accepted upload, in MiB", DefaultValueFactory = _ => 64 };
        var store = new StoreOptions();
        var workers = new WorkerOptionsFlags(defaultWorkers: 1);
        var command = new Command("serve", VerbAction.Describe(
            "Run the web studio, the REST API (docs at /scalar) and job workers",
            "tessera serve --dev",
            "tessera serve --urls http://0.0.0.0:8080 --data /srv/tessera",
            "tessera serve --db postgres --connection \"Host=db;Username=tessera;Password=...\" --workers 0"));
        command.Options.Add(urls);
        command.Options.Add(dev);
        command.Options.Add(rate);
        command.Options.Add(maxUpload);
        store.AddTo(command);
        workers.AddTo(command);
        VerbAction.Set(command, parse =>
        {
            var rateLimit = parse.GetValue(rate);
            if (rateLimit is < 1 or > 1_000_000) throw new TesseraError($"--rate-limit must be in 1..1000000, got {rateLimit}");
            var uploadMb = parse.GetValue(maxUpload);
            if (uploadMb is < 1 or > 16384) throw new TesseraError($"--max-upload-mb must be in 1..16384, got {uploadMb}");
            var url = parse.GetValue(urls)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "http")
                throw new TesseraError($"--urls must be an http address like http://127.0.0.1:5000, not '{url}'");
            var workerOptions = workers.Read(parse, minWorkers: 0);
            var options = new StudioOptions(url, parse.GetValue(store.Data)!, parse.GetValue(store.Db)!, parse.GetValue(store.Connection),
                parse.GetValue(workers.Workers), parse.GetValue(dev), rateLimit, uploadMb * 1024L * 1024, workerOptions);
            var backendName = parse.GetValue(workers.Backend)!;
            var backends = workers.Backends(parse, options.DataDir);
            return RunAsync(options, backends.Description).GetAwaiter().GetResult();

            async Task<int> RunAsync(StudioOptions o, string backend)
            {
                await using var app = await StudioApp.BuildAsync(o, backends);
                try
                {
                    await app.StartAsync();
                }
                catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    throw new TesseraError($"cannot listen on {o.Urls}: the address is in use; stop the other server or pass another --urls");
                }
                var address = StudioApp.Address(app);
                Console.WriteLine($"Tessera studio: {address}/   (API docs: {address}/scalar, OpenAPI: {address}/openapi/v1.json)");
                Console.WriteLine($"  data: {Path.GetFullPath(o.DataDir)}, store: {o.Database}, workers: {o.Workers}, backend: {backend}" +
                    (o.Dev ? ", dev mode: requests from this machine need no API key" : ", API keys required (tessera keys create --name NAME)"));
                if (backendName == BackendCatalog.TestPattern)
                    Console.WriteLine("  note: the test-pattern backend makes flat-colour clips; --backend engine runs the model");
                Console.WriteLine("  press Ctrl+C to stop");
                await app.WaitForShutdownAsync();
                return 0;
            }
        });
        return command;
    }
}
