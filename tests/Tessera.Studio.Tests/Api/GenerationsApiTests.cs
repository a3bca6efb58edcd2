using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Tessera.Media;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Api;

public sealed class GenerationsApiTests
{
    [Fact]
    public async Task A_prompt_becomes_labelled_playable_videos_one_per_variant()
    {
        await using var s = await StudioServer.StartAsync();
        var id = await StudioServer.SubmitAsync(s.Client, new { prompt = "a red ball rolls to the right", variants = 2, frames = 8, size = "112x64", seed = 5 });
        var job = await StudioServer.WaitAsync(s.Client, id);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(1.0, job.GetProperty("progress").GetDouble());
        var outputs = job.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal([5, 6], outputs.Select(o => o.GetProperty("seed").GetInt32()));
        foreach (var output in outputs)
        {
            // The URL is signed: it plays in a <video> tag without a key.
            using var anonymous = new HttpClient { BaseAddress = new Uri(s.Address) };
            var bytes = await anonymous.GetByteArrayAsync(output.GetProperty("url").GetString());
            Assert.Equal(output.GetProperty("assetId").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            var path = Path.Combine(s.DataDir, $"check-{Guid.NewGuid():N}.mp4");
            await File.WriteAllBytesAsync(path, bytes);
            var info = MediaProbe.Probe(path);
            Assert.Equal((112, 64), info.Video!.DisplaySize);
            Assert.Equal(1.0, info.DurationSeconds, 1);
            Assert.Equal("AI generated / AI生成", TestMedia.Tags(path)["comment"]);
        }
        Assert.Equal(1, s.Backend.Executions[id]);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_returns_the_same_job()
    {
        await using var s = await StudioServer.StartAsync(workers: 0);
        async Task<string> Post()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/generations") { Content = JsonContent.Create(new { prompt = "a cat" }) };
            request.Headers.Add("Idempotency-Key", "retry-123");
            var response = await s.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        }
        var first = await Post();
        Assert.Equal(first, await Post());
        Assert.Equal(1, (await s.Store.CountAsync()).Queued);
        Assert.NotEqual(first, await StudioServer.SubmitAsync(s.Client, new { prompt = "a cat" })); // no key: a new job
    }

    [Fact]
    public async Task Delete_cancels_a_running_generation_and_its_worker_stops()
    {
        await using var s = await StudioServer.StartAsync(frameDelay: TimeSpan.FromMilliseconds(100));
        var id = await StudioServer.SubmitAsync(s.Client, new { prompt = "a long one", frames = 200 });
        while (JsonDocument.Parse(await s.Client.GetStringAsync($"/api/v1/generations/{id}")).RootElement.GetProperty("status").GetString() != "running")
            await Task.Delay(50);

        var canceled = await s.Client.DeleteAsync($"/api/v1/generations/{id}");
        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal("canceled", JsonDocument.Parse(await canceled.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        // The worker notices at its next heartbeat and is free for the next job well before the 20 s clip would end.
        var next = await StudioServer.SubmitAsync(s.Client, new { prompt = "next", frames = 2 });
        Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, next, TimeSpan.FromSeconds(10))).GetProperty("status").GetString());
        Assert.Equal("canceled", JsonDocument.Parse(await s.Client.GetStringAsync($"/api/v1/generations/{id}")).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Progress_streams_as_server_sent_events_until_the_job_finishes()
    {
        await using var s = await StudioServer.StartAsync(frameDelay: TimeSpan.FromMilliseconds(60));
        var id = await StudioServer.SubmitAsync(s.Client, new { prompt = "stream me", frames = 16 });
        using var response = await s.Client.GetAsync($"/api/v1/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add(JsonDocument.Parse(line[6..]).RootElement);

        var progress = events.Select(e => e.GetProperty("progress").GetDouble()).ToList();
        Assert.Equal("succeeded", events[^1].GetProperty("status").GetString());
        Assert.Contains(progress, p => p is > 0 and < 1); // it moved in between, not just 0 then 1
        Assert.Equal(progress.OrderBy(p => p), progress);
    }

    [Fact]
    public async Task A_first_frame_upload_reaches_the_backend_and_audio_is_refused_as_a_frame()
    {
        await using var s = await StudioServer.StartAsync();
        var png = await (await s.Client.PostAsync("/api/v1/assets", TestMedia.Upload(TestMedia.Png(), "start.png", "image/png"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = await StudioServer.SubmitAsync(s.Client, new { prompt = "continue this", firstFrame = png.GetProperty("id").GetString(), frames = 4 });
        Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, id)).GetProperty("status").GetString());

        var wav = new byte[64];
        "RIFF"u8.CopyTo(wav);
        "WAVE"u8.CopyTo(wav.AsSpan(8));
        var audio = await (await s.Client.PostAsync("/api/v1/assets", TestMedia.Upload(wav, "a.wav", "audio/wav"))).Content.ReadFromJsonAsync<JsonElement>();
        var response = await s.Client.PostAsJsonAsync("/api/v1/generations", new { prompt = "x", lastFrame = audio.GetProperty("id").GetString() });
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "lastFrame", "audio, not an image");
    }

    [Fact]
    public async Task A_generated_clip_can_be_extended_and_bad_extensions_are_refused_naming_the_field()
    {
        await using var s = await StudioServer.StartAsync();
        var first = await StudioServer.WaitAsync(s.Client, await StudioServer.SubmitAsync(s.Client, new { prompt = "a red ball moves right", frames = 6 }));
        var clip = first.GetProperty("outputs")[0].GetProperty("assetId").GetString();

        var plain = await StudioServer.SubmitAsync(s.Client, new { prompt = "it goes on", extend = clip, frames = 8 });
        var two = await StudioServer.SubmitAsync(s.Client, new { prompt = "it goes on", extend = clip, contextFrames = 2, frames = 8 });
        Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, plain)).GetProperty("status").GetString());
        Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, two)).GetProperty("status").GetString());
        var input = s.Backend.LastInput[plain];
        Assert.Equal(3, input.Spec.ContextFrames);   // the default
        Assert.Equal(2, s.Backend.LastInput[two].Spec.ContextFrames);
        Assert.True(File.Exists(input.ExtendPath), $"the clip to extend should reach the backend as a stored file, got '{input.ExtendPath}'");
        Assert.Null(input.FirstFramePath);

        var png = await (await s.Client.PostAsync("/api/v1/assets", TestMedia.Upload(TestMedia.Png(), "start.png", "image/png"))).Content.ReadFromJsonAsync<JsonElement>();
        var image = png.GetProperty("id").GetString();
        await Problem.AssertAsync(await s.Client.PostAsJsonAsync("/api/v1/generations", new { prompt = "x", extend = image }),
            HttpStatusCode.BadRequest, "extend: asset", "is an image, not a video");
        await Problem.AssertAsync(await s.Client.PostAsJsonAsync("/api/v1/generations", new { prompt = "x", extend = clip, firstFrame = image }),
            HttpStatusCode.BadRequest, "extend, firstFrame: both set the start of the video");
        await Problem.AssertAsync(await s.Client.PostAsJsonAsync("/api/v1/generations", new { prompt = "x", extend = clip, frames = 3 }),
            HttpStatusCode.BadRequest, "frames: 3 must be more than contextFrames (3)");
        await Problem.AssertAsync(await s.Client.PostAsJsonAsync("/api/v1/generations", new { prompt = "x", extend = clip, contextFrames = 0 }),
            HttpStatusCode.BadRequest, "contextFrames: 0 is outside 1..255");
    }

    [Fact]
    public async Task A_negative_prompt_reaches_the_backend_and_a_job_without_one_has_none()
    {
        await using var s = await StudioServer.StartAsync();
        var steered = await StudioServer.SubmitAsync(s.Client, new { prompt = "a blue ball moves up", negativePrompt = " 球掉下来 ", frames = 4 });
        var plain = await StudioServer.SubmitAsync(s.Client, new { prompt = "a blue ball moves up", frames = 4 });
        Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, steered)).GetProperty("status").GetString());
        Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, plain)).GetProperty("status").GetString());
        Assert.Equal("球掉下来", s.Backend.LastInput[steered].Spec.NegativePrompt);
        Assert.Null(s.Backend.LastInput[plain].Spec.NegativePrompt);
    }

    [Fact]
    public async Task An_autoguidance_and_a_noise_scale_reach_the_backend_and_a_job_without_them_leaves_them_to_the_model()
    {
        await using var s = await StudioServer.StartAsync();
        var guided = await StudioServer.SubmitAsync(s.Client, new { prompt = "a red ball moves right", autoguide = 2.5, noiseScale = 0.5, frames = 4 });
        var plain = await StudioServer.SubmitAsync(s.Client, new { prompt = "a red ball moves right", frames = 4 });
        Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, guided)).GetProperty("status").GetString());
        Assert.Equal("succeeded", (await StudioServer.WaitAsync(s.Client, plain)).GetProperty("status").GetString());
        Assert.Equal(2.5, s.Backend.LastInput[guided].Spec.Autoguide);
        Assert.Null(s.Backend.LastInput[plain].Spec.Autoguide);
        Assert.Equal(0.5, s.Backend.LastInput[guided].Spec.NoiseScale);
        Assert.Null(s.Backend.LastInput[plain].Spec.NoiseScale);
    }

    [Fact]
    public async Task Asking_for_a_visible_label_burns_it_into_the_picture()
    {
        await using var s = await StudioServer.StartAsync();
        async Task<byte[]> LastFrame(bool label)
        {
            var id = await StudioServer.SubmitAsync(s.Client, new { prompt = "plain", seed = 1, frames = 2, size = "128x64", label });
            var job = await StudioServer.WaitAsync(s.Client, id);
            var path = Path.Combine(s.DataDir, $"label-{label}.mp4");
            await File.WriteAllBytesAsync(path, await s.Client.GetByteArrayAsync(job.GetProperty("outputs")[0].GetProperty("url").GetString()));
            Assert.Equal("AI generated / AI生成", TestMedia.Tags(path)["comment"]);
            return FrameReader.ReadAll(path, null, out _, out _, out _)[^1];
        }
        var plain = await LastFrame(false);
        var labelled = await LastFrame(true);
        // Same prompt and seed: the only difference is the label in the bottom-right corner.
        static int Changed(byte[] a, byte[] b, int x0, int x1, int y0, int y1)
        {
            var n = 0;
            for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x++)
                    if (Math.Abs(a[(y * 128 + x) * 3] - b[(y * 128 + x) * 3]) > 40) n++;
            return n;
        }
        Assert.True(Changed(plain, labelled, 64, 128, 48, 64) > 50, "no visible label in the bottom-right corner");
        Assert.True(Changed(plain, labelled, 0, 64, 0, 32) < 5, "the label spilled over the picture");
    }
}
