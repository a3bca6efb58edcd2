using System.Net;
using System.Net.Http.Json;
using System.Text;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Api;

/// <summary>Bad input gets a 4xx ProblemDetails naming the problem; the server keeps serving and loses nothing.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, int, string> Bodies => new()
    {
        { "malformed JSON", "{\"prompt\": \"a\", frames: 3", 400, "not valid JSON" },
        { "unknown field", "{\"prompt\": \"a\", \"promt\": \"b\"}", 400, "unknown field 'promt'" },
        { "wrong type", "{\"prompt\": \"a\", \"frames\": \"many\"}", 400, "$.frames" },
        { "huge prompt", "{\"prompt\": \"" + new string('x', 5000) + "\"}", 400, "prompt: 5000 characters is too long" },
        { "zero frames", "{\"prompt\": \"a\", \"frames\": 0}", 400, "frames: 0 is outside 1..256" },
        { "100000 frames", "{\"prompt\": \"a\", \"frames\": 100000}", 400, "frames: 100000 is outside 1..256" },
        { "no prompt", "{\"variants\": 2}", 400, "prompt: required" },
        { "blank negative prompt", "{\"prompt\": \"a\", \"negativePrompt\": \"  \"}", 400, "negativePrompt: empty" },
        { "negative autoguide", "{\"prompt\": \"a\", \"autoguide\": -1}", 400, "autoguide: -1 is outside 0..30" },
        { "no noise", "{\"prompt\": \"a\", \"noiseScale\": 0}", 400, "noiseScale: 0 is outside (0, 2]" },
        { "bad size", "{\"prompt\": \"a\", \"size\": \"100x50\"}", 400, "size: '100x50'" },
        { "traversal as frame id", "{\"prompt\": \"a\", \"firstFrame\": \"../../etc/passwd\"}", 400, "firstFrame: '../../etc/passwd' is not an asset id" },
        { "unknown asset", "{\"prompt\": \"a\", \"firstFrame\": \"" + new string('a', 64) + "\"}", 400, "upload the image first" },
        { "context frames without a video", "{\"prompt\": \"a\", \"contextFrames\": 3}", 400, "contextFrames: only counts with extend" },
        { "unknown video to extend", "{\"prompt\": \"a\", \"extend\": \"" + new string('b', 64) + "\"}", 400, "extend: no asset bbbb" },
        { "JSON null", "null", 400, "JSON null" },
        { "array", "[1,2]", 400, "not valid JSON" },
        { "too large", "{\"prompt\": \"" + new string('x', 1_100_000) + "\"}", 413, "larger than 1024 KiB" },
    };

    [Theory, MemberData(nameof(Bodies))]
    public async Task Bad_generation_bodies_get_a_problem_naming_the_field(string what, string body, int status, string detail)
    {
        await using var s = await StudioServer.StartAsync(workers: 0);
        var kept = await StudioServer.SubmitAsync(s.Client, new { prompt = "keep me" });

        var response = await s.Client.PostAsync("/api/v1/generations", new StringContent(body, Encoding.UTF8, "application/json"));
        await Problem.AssertAsync(response, (HttpStatusCode)status, detail);

        Assert.True(what.Length > 0);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync($"/api/v1/generations/{kept}")).StatusCode);
        Assert.Equal(1, (await s.Store.CountAsync()).Queued);
    }

    [Fact]
    public async Task Non_json_content_type_is_refused()
    {
        await using var s = await StudioServer.StartAsync(workers: 0);
        var response = await s.Client.PostAsync("/api/v1/generations", new StringContent("prompt=a", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "send application/json");
    }

    [Theory]
    [InlineData("/api/v1/generations/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/generations/job_../../x")]
    [InlineData("/api/v1/jobs/%2e%2e%2fsecret/events")]
    [InlineData("/api/v1/assets/..%2F..%2Ftessera.db")]
    [InlineData("/api/v1/assets/....%2F....%2Furl-signing.key")]
    public async Task Traversal_in_ids_finds_nothing(string path)
    {
        await using var s = await StudioServer.StartAsync(workers: 0);
        var response = await s.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SQLite", text);
        Assert.True(File.Exists(Path.Combine(s.DataDir, "tessera.db")));
    }

    [Fact]
    public async Task Renders_name_the_json_path_of_a_missing_asset()
    {
        await using var s = await StudioServer.StartAsync(workers: 0);
        var response = await s.Client.PostAsJsonAsync("/api/v1/renders", new
        {
            timeline = new { clips = new object[] { new { source = "asset:" + new string('b', 64) }, new { source = "asset:../x" } } },
        });
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "$.timeline.clips[0].source", "$.timeline.clips[1].source");
        var missing = await s.Client.PostAsJsonAsync("/api/v1/renders", new { label = true });
        await Problem.AssertAsync(missing, HttpStatusCode.BadRequest, "timeline: required");
    }
}
