using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tessera.Studio.Tests.Api;

/// <summary>`tessera serve --dev` as a user starts it: it prints where it listens, and the page is there.</summary>
public sealed partial class ServeVerbTests
{
    [Fact]
    public async Task Serve_dev_prints_its_address_and_serves_the_page()
    {
        var data = Directory.CreateTempSubdirectory("tessera-serve-verb-").FullName;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "tessera.dll"), "serve", "--dev", "--urls", "http://127.0.0.1:0", "--data", data, "--backend", "test-pattern" })
            info.ArgumentList.Add(a);
        using var serve = Process.Start(info)!;
        try
        {
            string? address = null;
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (address is null && DateTime.UtcNow < deadline && await serve.StandardOutput.ReadLineAsync() is { } line)
                if (Address().Match(line) is { Success: true } m) address = m.Groups[1].Value;
            Assert.True(address is not null, "serve printed no address: " + await serve.StandardError.ReadToEndAsync());

            using var client = new HttpClient { BaseAddress = new Uri(address) };
            Assert.Contains("<textarea id=\"prompt\"", await client.GetStringAsync("/"));
            Assert.Contains("\"ok\"", await client.GetStringAsync("/healthz"));
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [GeneratedRegex(@"^Tessera studio: (http://127\.0\.0\.1:\d+)/")]
    private static partial Regex Address();
}
