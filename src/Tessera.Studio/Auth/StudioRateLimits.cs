using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Tessera.Studio.Api;
using Tessera.Studio.Hosting;

namespace Tessera.Studio.Auth;

/// <summary>
/// ASP.NET's rate limiter with one token bucket per API key (per client address for requests without one).
/// Loopback requests without a key in --dev mode are not limited: that is the local user of the page.
/// </summary>
public static class StudioRateLimits
{
    public const string Api = "api";

    public static IServiceCollection AddStudioRateLimits(this IServiceCollection services, StudioOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = 429;
            limiter.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Status(429, "Too many requests",
                        $"this key may make {options.RateLimitPerSecond} requests per second (bursts of {options.RateLimitPerSecond * 2}); slow down and retry")
                    .ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(Api, http =>
            {
                var header = http.Request.Headers.Authorization.ToString();
                if (header.Length == 0 && options.Dev && CallerResolver.IsLoopback(http))
                    return RateLimitPartition.GetNoLimiter("dev-loopback");
                var partition = header.Length > 0
                    ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)))[..24]
                    : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateLimitPerSecond * 2,
                    TokensPerPeriod = options.RateLimitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
}
