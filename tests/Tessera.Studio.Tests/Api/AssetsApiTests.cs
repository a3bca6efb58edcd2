using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Api;

public sealed class AssetsApiTests
{
    [Fact]
    public async Task Uploads_are_content_addressed_and_stream_back_with_ranges()
    {
        await using var s = await StudioServer.StartAsync(dev: false, workers: 0);
        using var client = s.ClientWithKey(await s.CreateKeyAsync("uploader"));
        var png = TestMedia.Png();
        var response = await client.PostAsync("/api/v1/assets", TestMedia.Upload(png, "../../../../tmp/evil name.png", "application/octet-stream"));
        var asset = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = asset.GetProperty("id").GetString()!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), id);
        Assert.Equal("image", asset.GetProperty("kind").GetString());
        Assert.Equal("image/png", asset.GetProperty("mediaType").GetString());
        Assert.Equal("evil name.png", asset.GetProperty("name").GetString()); // a name, never a path
        Assert.False(File.Exists("/tmp/evil name.png"));

        Assert.Equal(png, await client.GetByteArrayAsync($"/api/v1/assets/{id}"));
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/assets/{id}");
        range.Headers.Range = new RangeHeaderValue(8, 15);
        var part = await client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(png[8..16], await part.Content.ReadAsByteArrayAsync());

        // Without the key, or with a forged signature: refused. With the signed URL: served.
        using var anonymous = new HttpClient { BaseAddress = new Uri(s.Address) };
        await Problem.AssertAsync(await anonymous.GetAsync($"/api/v1/assets/{id}"), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await anonymous.GetAsync($"/api/v1/assets/{id}?sig={new string('0', 32)}"), HttpStatusCode.Unauthorized);
        Assert.Equal(png, await anonymous.GetByteArrayAsync(asset.GetProperty("url").GetString()));

        var again = await (await client.PostAsync("/api/v1/assets", TestMedia.Upload(png, "copy.png", "image/png"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, again.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Uploads_that_lie_about_their_type_are_refused_and_not_kept()
    {
        await using var s = await StudioServer.StartAsync(workers: 0);
        var script = Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n");
        var response = await s.Client.PostAsync("/api/v1/assets", TestMedia.Upload(script, "cute-cat.png", "image/png"));
        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "its content says otherwise");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(s.DataDir, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Oversized_and_malformed_uploads_get_problems_and_the_server_keeps_serving()
    {
        await using var s = await StudioServer.StartAsync(workers: 0, maxUpload: 256 * 1024);
        var stored = await (await s.Client.PostAsync("/api/v1/assets", TestMedia.Upload(TestMedia.Png(), "ok.png", "image/png"))).Content.ReadFromJsonAsync<JsonElement>();

        var big = new byte[300 * 1024]; // over the limit, under the connection limit (far larger bodies get the 413 and a closed connection)
        TestMedia.Png().CopyTo(big, 0);
        await Problem.AssertAsync(await s.Client.PostAsync("/api/v1/assets", TestMedia.Upload(big, "big.png", "image/png")),
            HttpStatusCode.RequestEntityTooLarge, "262,144 bytes");
        await Problem.AssertAsync(await s.Client.PostAsync("/api/v1/assets", new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.UnsupportedMediaType, "multipart/form-data");
        await Problem.AssertAsync(await s.Client.PostAsync("/api/v1/assets", new MultipartFormDataContent { { new StringContent("x"), "note" } }),
            HttpStatusCode.BadRequest, "no file part");

        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync($"/api/v1/assets/{stored.GetProperty("id").GetString()}")).StatusCode);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(s.DataDir, "blobs"), "*", SearchOption.AllDirectories));
    }
}
