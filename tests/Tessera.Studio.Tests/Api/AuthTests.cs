using System.Net;
using System.Net.Http.Json;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Api;

public sealed class AuthTests
{
    [Fact]
    public async Task Without_dev_mode_every_api_call_needs_a_valid_key()
    {
        await using var s = await StudioServer.StartAsync(dev: false, workers: 0);
        await Problem.AssertAsync(await s.Client.PostAsJsonAsync("/api/v1/generations", new { prompt = "a" }), HttpStatusCode.Unauthorized, "needs an API key");
        using var wrong = s.ClientWithKey("tsk_not-a-real-key");
        await Problem.AssertAsync(await wrong.PostAsJsonAsync("/api/v1/generations", new { prompt = "a" }), HttpStatusCode.Unauthorized, "not valid");
        using var basic = new HttpClient { BaseAddress = new Uri(s.Address) };
        basic.DefaultRequestHeaders.Authorization = new("Basic", "dXNlcjpwYXNz");
        await Problem.AssertAsync(await basic.GetAsync("/api/v1/jobs/job_" + new string('0', 32)), HttpStatusCode.Unauthorized, "Bearer KEY");

        var secret = await s.CreateKeyAsync("alice");
        using var alice = s.ClientWithKey(secret);
        var id = await StudioServer.SubmitAsync(alice, new { prompt = "a" });
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/generations/{id}")).StatusCode);
        // The page and health checks stay open; the API does not.
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync("/healthz")).StatusCode);
        await Problem.AssertAsync(await s.Client.GetAsync($"/api/v1/generations/{id}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoked_keys_are_refused_and_jobs_are_private_to_their_key()
    {
        await using var s = await StudioServer.StartAsync(dev: false, workers: 0);
        var (record, secret) = Tessera.Studio.Auth.ApiKeys.Create("mallory", null, 0);
        await s.Store.CreateKeyAsync(record);
        await s.Store.RevokeKeyAsync("mallory");
        using var revoked = s.ClientWithKey(secret);
        await Problem.AssertAsync(await revoked.PostAsJsonAsync("/api/v1/generations", new { prompt = "a" }), HttpStatusCode.Unauthorized, "revoked");

        using var alice = s.ClientWithKey(await s.CreateKeyAsync("alice"));
        using var bob = s.ClientWithKey(await s.CreateKeyAsync("bob"));
        var id = await StudioServer.SubmitAsync(alice, new { prompt = "alice's" });
        await Problem.AssertAsync(await bob.GetAsync($"/api/v1/generations/{id}"), HttpStatusCode.NotFound, "no generation");
        await Problem.AssertAsync(await bob.DeleteAsync($"/api/v1/generations/{id}"), HttpStatusCode.NotFound);
        Assert.Equal("queued", (await s.Store.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Daily_quota_of_generated_seconds_is_enforced()
    {
        await using var s = await StudioServer.StartAsync(dev: false, workers: 0);
        using var client = s.ClientWithKey(await s.CreateKeyAsync("trial", quotaSeconds: 5));
        await StudioServer.SubmitAsync(client, new { prompt = "a", frames = 16, variants = 2 }); // 2 × 2 s = 4 s
        var over = await client.PostAsJsonAsync("/api/v1/generations", new { prompt = "b", frames = 16 });
        await Problem.AssertAsync(over, HttpStatusCode.TooManyRequests, "needs 2 s", "1 s of its 5 s left");
        await StudioServer.SubmitAsync(client, new { prompt = "c", frames = 8 }); // 1 s still fits
    }

    [Fact]
    public async Task Rate_limit_answers_429_with_a_problem_and_retry_after()
    {
        await using var s = await StudioServer.StartAsync(dev: false, workers: 0, rateLimit: 2);
        using var client = s.ClientWithKey(await s.CreateKeyAsync("busy"));
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++) responses.Add(await client.GetAsync("/api/v1/jobs/job_" + new string('0', 32)));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.NotFound);
        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests, "2 requests per second");
        // Another key has its own bucket.
        using var other = s.ClientWithKey(await s.CreateKeyAsync("calm"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/jobs/job_" + new string('0', 32))).StatusCode);
    }
}
