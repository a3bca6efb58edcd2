using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Studio.Auth;
using Tessera.Studio.Hosting;
using Tessera.Studio.Jobs;
using Tessera.Studio.Workers;

namespace Tessera.Studio.Tests.Support;

/// <summary>The real studio on a real Kestrel port on loopback, with a private data folder and store.</summary>
public sealed class StudioServer : IAsyncDisposable
{
    public static readonly WorkerOptions FastWorkers = WorkerOptions.Default with
    {
        LeaseDuration = TimeSpan.FromSeconds(3),
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        PollInterval = TimeSpan.FromMilliseconds(100),
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
    };

    private readonly WebApplication _app;
    public HttpClient Client { get; }
    public string Address { get; }
    public string DataDir { get; }
    public RecordingBackend Backend { get; }
    public IJobStore Store => _app.Services.GetRequiredService<IJobStore>();

    private StudioServer(WebApplication app, string address, string dataDir, RecordingBackend backend)
    {
        _app = app;
        Address = address;
        DataDir = dataDir;
        Backend = backend;
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<StudioServer> StartAsync(bool dev = true, int workers = 1, int rateLimit = 1000, long maxUpload = 4 * 1024 * 1024,
        TimeSpan? frameDelay = null, WorkerOptions? workerOptions = null, string db = "sqlite", string? connection = null, string? dataDir = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("tessera-studio-api-").FullName;
        var backend = new RecordingBackend(frameDelay ?? TimeSpan.FromMilliseconds(5));
        var options = new StudioOptions("http://127.0.0.1:0", dataDir, db, connection, workers, dev, rateLimit, maxUpload, workerOptions ?? FastWorkers);
        var app = await StudioApp.BuildAsync(options, new StudioBackends(backend, backend), LogLevel.Warning);
        await app.StartAsync();
        return new StudioServer(app, StudioApp.Address(app), dataDir, backend);
    }

    public async Task<string> CreateKeyAsync(string name, double? quotaSeconds = null, int priority = 0)
    {
        var (record, secret) = ApiKeys.Create(name, quotaSeconds, priority);
        await Store.CreateKeyAsync(record);
        return secret;
    }

    public HttpClient ClientWithKey(string secret)
    {
        var c = new HttpClient { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromSeconds(30) };
        c.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return c;
    }

    public static async Task<string> SubmitAsync(HttpClient client, object body, string path = "/api/v1/generations")
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Polls the job until it finishes; returns its JSON.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}")).RootElement;
            if (JobStatus.IsTerminal(job.GetProperty("status").GetString()!)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {id} still {job.GetProperty("status")} after the timeout: {job}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
