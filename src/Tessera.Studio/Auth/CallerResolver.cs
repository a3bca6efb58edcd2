using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Auth;

/// <summary>
/// Turns the Authorization header into a <see cref="Caller"/>. Key lookups are cached for a few seconds: the hot
/// GET path then costs one hash and a dictionary read, and a revoked key stops working within that time.
/// </summary>
public sealed class CallerResolver(IJobStore store, bool dev)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Key, DateTime Until)> _cache = new();

    /// <summary>The caller, or the reason (for a 401) why there is none.</summary>
    public async Task<(Caller? Caller, string? Problem)> ResolveAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            if (dev && IsLoopback(http)) return (Caller.DevLoopback, null);
            return (null, "this request needs an API key: send 'Authorization: Bearer KEY' (create one with: tessera keys create --name NAME)");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (null, "the Authorization header must be 'Bearer KEY'");
        var secret = header["Bearer ".Length..].Trim();
        var hash = ApiKeys.Hash(secret);
        if (!_cache.TryGetValue(hash, out var hit) || hit.Until < DateTime.UtcNow)
        {
            hit = (await store.FindKeyByHashAsync(hash, http.RequestAborted), DateTime.UtcNow + CacheFor);
            if (_cache.Count > 10_000) _cache.Clear(); // wrong keys must not grow the cache without bound
            _cache[hash] = hit;
        }
        return hit.Key switch
        {
            null => (null, "the API key is not valid; check it, or create one with: tessera keys create --name NAME"),
            { RevokedAt: not null } => (null, $"the API key '{hit.Key.Name}' was revoked; create a new one"),
            var k => (new Caller(k.Id, k.Name, k.QuotaSeconds, k.Priority), null),
        };
    }

    public static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
}
