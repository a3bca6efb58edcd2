using Microsoft.Playwright;
using Tessera.Studio.Tests.Support;

namespace Tessera.Studio.Tests.Browser;

/// <summary>Runs only where Debian's chromium is installed (./test installs it); skipped with the reason otherwise.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable)) Skip = $"browser tests need {Executable}: apt-get install -y chromium (./test installs it)";
    }
}

/// <summary>The page in real Chromium: type a prompt, watch the variant arrive, play it, keep it, render, download.</summary>
public sealed class StudioPageTests
{
    [ChromiumFact]
    public async Task A_typed_prompt_becomes_a_playing_video_and_a_rendered_timeline()
    {
        await using var studio = await StudioServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Executable,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 }, Locale = "en-US" });
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync(studio.Address);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.FillAsync("#prompt", "a red ball rolls to the right");
        await page.FillAsync("#negative-prompt", "the ball falls");
        await page.SelectOptionAsync("#variants", "2");
        await page.SelectOptionAsync("#aspect", "112x64");
        await page.FillAsync("#cfg", "6.5");
        await page.FillAsync("#noise-scale", "0.4");
        await page.ClickAsync("#generate");

        // Both variants arrive as videos that actually play.
        await page.WaitForSelectorAsync(".variant video >> nth=1");
        var played = await page.EvalOnSelectorAllAsync<double[]>(".variant video", """
            async videos => Promise.all(videos.map(async v => {
              await v.play();
              await new Promise(r => setTimeout(r, 600));
              return v.error ? -1 : v.currentTime;
            }))
            """);
        Assert.All(played, t => Assert.True(t > 0, $"a variant did not play (currentTime {t})"));
        Assert.Equal(112, await page.EvalOnSelectorAsync<int>(".variant video", "v => v.videoWidth"));
        Assert.Contains("Done", await page.TextContentAsync(".job .status") ?? "");
        var asked = Assert.Single(studio.Backend.LastInput.Values);
        Assert.Equal(("the ball falls", 6.5, 0.4), (asked.Spec.NegativePrompt, asked.Spec.Cfg, asked.Spec.NoiseScale));

        // Keep one, extend it (a new job whose clips open with its last 3 frames), keep the extension after it.
        await page.ClickAsync(".variant .keep >> nth=0");
        var seed = (await page.TextContentAsync(".variant small >> nth=0"))!.Split(' ')[^1];
        await page.ClickAsync(".variant .extend >> nth=0");
        await page.WaitForSelectorAsync(".job >> nth=1");
        Assert.Contains($"extends seed {seed}", await page.TextContentAsync(".job >> nth=0") ?? "");
        await page.WaitForSelectorAsync(".job >> nth=0 >> .variant video");
        var extension = studio.Backend.LastInput[(await page.GetAttributeAsync(".job >> nth=0", "id"))!];
        Assert.True(File.Exists(extension.ExtendPath), "the kept variant should reach the backend as the clip to extend");
        Assert.Equal((3, 112, 64, 0.4), (extension.Spec.ContextFrames, extension.Spec.Width, extension.Spec.Height, extension.Spec.NoiseScale));
        await page.ClickAsync(".job >> nth=0 >> .variant .keep >> nth=0");

        // Give the timeline a title, render it through the editor, download.
        await page.FillAsync("#title", "My first short");
        await page.ClickAsync("#render");
        await page.WaitForSelectorAsync("#render-video");
        var renderPlayed = await page.EvalOnSelectorAsync<double>("#render-video", """
            async v => { v.muted = true; await v.play(); await new Promise(r => setTimeout(r, 600)); return v.error ? -1 : v.currentTime; }
            """);
        Assert.True(renderPlayed > 0, "the render did not play");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.EndsWith(".mp4", download.SuggestedFilename);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ArtifactPath("studio-page.png"), FullPage = true });

        // 中文: the same page in Chinese.
        await page.ClickAsync("#lang");
        Assert.Equal("生成", (await page.TextContentAsync("#generate"))?.Trim());
        Assert.Equal("时间线", (await page.TextContentAsync("#timeline-title"))?.Trim());
        Assert.StartsWith("多大程度上遵循提示词", await page.GetAttributeAsync("#cfg", "title"));
        Assert.StartsWith("每次生成可偏离典型画面的程度", await page.GetAttributeAsync("#noise-scale", "title"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ArtifactPath("studio-page-zh.png"), FullPage = true });

        Assert.Empty(consoleErrors);
        var timeline = System.Text.Json.JsonDocument.Parse(studio.Backend.LastTimeline.Values.Single()).RootElement;
        Assert.Equal("tessera-timeline/1", timeline.GetProperty("format").GetString());
        Assert.Equal("My first short", timeline.GetProperty("texts")[0].GetProperty("text").GetString());
        // The extension starts after the 3 frames it repeats, so the cut from the clip it extends is seamless.
        var clips = timeline.GetProperty("tracks")[0].GetProperty("clips");
        Assert.Equal([0.0, 3 / 8.0], clips.EnumerateArray().Select(c => c.GetProperty("in").GetDouble()));
    }

    /// <summary>artifacts/test-results/NAME under the repository root (found from the test binary's folder).</summary>
    private static string ArtifactPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tessera.sln"))) dir = dir.Parent;
        var results = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "test-results");
        Directory.CreateDirectory(results);
        return Path.Combine(results, name);
    }
}
