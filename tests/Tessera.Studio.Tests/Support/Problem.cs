using System.Net;
using System.Text.Json;

namespace Tessera.Studio.Tests.Support;

/// <summary>Asserts a response is an RFC 9457 problem with the status and a detail naming the problem.</summary>
public static class Problem
{
    public static async Task<string> AssertAsync(HttpResponseMessage response, HttpStatusCode status, params string[] detailContains)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString() ?? "";
        foreach (var part in detailContains) Assert.Contains(part, detail);
        Assert.DoesNotContain("   at ", text); // never a stack trace
        return detail;
    }
}
