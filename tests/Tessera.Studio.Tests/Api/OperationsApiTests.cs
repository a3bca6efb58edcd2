using System.Net;
using System.Text.Json;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Api;

public sealed class OperationsApiTests
{
    [Fact]
    public async Task Health_metrics_openapi_and_its_browsable_ui_are_served()
    {
        await using var s = await StudioServer.StartAsync(dev: false);
        using var client = s.ClientWithKey(await s.CreateKeyAsync("ops"));
        await StudioServer.WaitAsync(client, await StudioServer.SubmitAsync(client, new { prompt = "measure me", frames = 2 }));
        await StudioServer.SubmitAsync(client, new { prompt = "x", frames = 2 }); // may still be queued

        var health = JsonDocument.Parse(await s.Client.GetStringAsync("/healthz")).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());

        var metrics = await s.Client.GetStringAsync("/metrics");
        Assert.Matches(@"(?m)^tessera_queue_depth \d+$", metrics);
        Assert.Contains("tessera_jobs{status=\"succeeded\"} ", metrics);
        Assert.Contains("tessera_job_duration_seconds_count{kind=\"generation\"} ", metrics);
        Assert.Contains("tessera_job_failures_total 0", metrics);

        var openapi = JsonDocument.Parse(await s.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/generations", "/api/v1/generations/{id}", "/api/v1/renders", "/api/v1/assets", "/api/v1/assets/{id}", "/api/v1/jobs/{id}/events", "/healthz", "/metrics" })
            Assert.Contains(path, paths);
        Assert.Contains("prompt", openapi.GetProperty("components").GetProperty("schemas").GetProperty("GenerationRequest").GetRawText());

        var ui = await s.Client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("openapi/v1.json", await ui.Content.ReadAsStringAsync());
    }
}
