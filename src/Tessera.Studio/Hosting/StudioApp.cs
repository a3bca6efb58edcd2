using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;
using Tessera.Studio.Api;
using Tessera.Studio.Auth;
using Tessera.Studio.Backends;
using Tessera.Studio.Jobs;
using Tessera.Studio.Metrics;
using Tessera.Studio.Storage;
using Tessera.Studio.Workers;

namespace Tessera.Studio.Hosting;

/// <summary>Builds the studio: API, page, OpenAPI document and in-process workers, on one Kestrel server.</summary>
public static class StudioApp
{
    public static async Task<WebApplication> BuildAsync(StudioOptions options, StudioBackends backends, LogLevel logLevel = LogLevel.Information)
    {
        var dataDir = JobStoreFactory.PrepareDataDir(options.DataDir);
        var store = JobStoreFactory.Open(options.Database, options.Connection, dataDir);
        await store.InitializeAsync();
        var blobs = new LocalBlobStore(dataDir);
        blobs.RemoveLeftovers();
        RemoveAbandonedWorkFolders(dataDir);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxUploadBytes + 64 * 1024;
            k.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // Start-up failures (address in use) reach the user as one line from the CLI, not as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddSingleton<IBlobStore>(blobs);
        services.AddSingleton(new AssetUrls(dataDir));
        services.AddSingleton<StudioMetrics>();
        services.AddSingleton(new CallerResolver(store, options.Dev));
        services.AddSingleton<JobViews>();
        services.AddSingleton<JobSubmission>();
        services.AddSingleton(new JobExecutor(store, blobs, backends.Generation, backends.Render, dataDir));
        services.AddHostedService(sp => new WorkerPool(Enumerable.Range(0, options.Workers)
            .Select(_ => new JobWorker(store, sp.GetRequiredService<JobExecutor>(), options.Worker, sp.GetRequiredService<StudioMetrics>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<JobWorker>()))
            .ToList()));
        services.ConfigureHttpJsonOptions(j =>
        {
            j.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        // Problems the framework answers itself (no route, wrong method, wrong content type) get a detail line too.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var p = ctx.ProblemDetails;
            var request = ctx.HttpContext.Request;
            p.Detail ??= p.Status switch
            {
                404 => $"no endpoint {request.Method} {request.Path}; the API is described at /openapi/v1.json",
                405 => $"{request.Method} is not allowed on {request.Path}",
                415 => $"Content-Type '{request.ContentType}' is not accepted here: send application/json (uploads: multipart/form-data)",
                413 => "the request body is too large",
                500 => "the server failed on this request; it has been logged — retry, and report it if it keeps happening",
                _ => null,
            };
        });
        services.AddStudioRateLimits(options);
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Tessera Studio API";
            doc.Info.Description = "Generate videos from prompts, upload assets, render timelines. Jobs are queued: poll them or stream their events. Auth: 'Authorization: Bearer KEY'.";
            return Task.CompletedTask;
        }));
        services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var app = builder.Build();
        // Unhandled exceptions become a 500 ProblemDetails without internals; framework 4xx keep their status.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException b ? b.StatusCode : 500,
        });
        app.UseStatusCodePages();
        app.UseRateLimiter();
        MapPage(app);
        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("Tessera Studio API"));
        app.MapOperationsApi();
        app.MapAssetsDownload();
        var api = app.MapGroup("/api/v1").RequireCaller().RequireRateLimiting(StudioRateLimits.Api);
        api.MapGenerationsApi();
        api.MapRendersApi();
        api.MapJobsApi();
        api.MapAssetsUpload();
        app.Lifetime.ApplicationStopped.Register(store.Dispose);
        return app;
    }

    /// <summary>Work folders of jobs whose worker was killed; a day old means no live worker still uses them.</summary>
    private static void RemoveAbandonedWorkFolders(string dataDir)
    {
        var work = new DirectoryInfo(Path.Combine(dataDir, "work"));
        if (!work.Exists) return;
        foreach (var dir in work.EnumerateDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            try { dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The page: static files copied beside the binary (wwwroot), index.html at /.</summary>
    private static void MapPage(WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root)) return;
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    /// <summary>The address Kestrel actually listens on (after start; resolves port 0).</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
}

/// <summary>Who does the work of each job kind; <paramref name="Description"/> names them for a start-up banner.</summary>
public sealed record StudioBackends(IGenerationBackend Generation, IRenderBackend Render, string Description = "");
