using System.Net.Http.Json;
using System.Text.Json;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Api;

public sealed class RendersApiTests
{
    [Fact]
    public async Task A_timeline_of_generated_clips_renders_with_asset_references_resolved_to_files()
    {
        await using var s = await StudioServer.StartAsync();
        var gen = await StudioServer.WaitAsync(s.Client, await StudioServer.SubmitAsync(s.Client, new { prompt = "clip", frames = 4 }));
        var clip = gen.GetProperty("outputs")[0].GetProperty("assetId").GetString()!;

        var id = await StudioServer.SubmitAsync(s.Client, new
        {
            timeline = new { clips = new object[] { new { source = "asset:" + clip, trim = new[] { 0.0, 0.5 } }, new { title = "The end" } } },
        }, "/api/v1/renders");
        var render = await StudioServer.WaitAsync(s.Client, id);

        Assert.Equal("succeeded", render.GetProperty("status").GetString());
        Assert.Equal("render", render.GetProperty("kind").GetString());
        Assert.Single(render.GetProperty("outputs").EnumerateArray());
        var timeline = JsonDocument.Parse(s.Backend.LastTimeline[id]).RootElement;
        var source = timeline.GetProperty("clips")[0].GetProperty("source").GetString()!;
        Assert.True(File.Exists(source), source);
        Assert.EndsWith(clip, source);
        Assert.Equal("The end", timeline.GetProperty("clips")[1].GetProperty("title").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await s.Client.GetAsync($"/api/v1/renders/{id}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await s.Client.GetAsync($"/api/v1/generations/{id}")).StatusCode);
    }
}
