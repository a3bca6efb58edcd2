using Microsoft.AspNetCore.Http;
using Tessera.Studio.Api;

namespace Tessera.Studio.Auth;

/// <summary>Requires a caller on every endpoint of the group it is added to; 401 ProblemDetails otherwise.</summary>
public static class CallerEndpointFilter
{
    private const string ItemKey = "tessera.caller";

    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var resolver = http.RequestServices.GetRequiredService<CallerResolver>();
            var (caller, problem) = await resolver.ResolveAsync(http);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Problems.Status(401, "Unauthorized", problem!);
            }
            http.Items[ItemKey] = caller;
            return await next(context);
        });

    public static Caller GetCaller(this HttpContext http) =>
        http.Items[ItemKey] as Caller ?? throw new InvalidOperationException("endpoint is missing RequireCaller()");

    /// <summary>Jobs belong to the key that made them; others get 404, as if the job did not exist.</summary>
    public static bool Owns(this Caller caller, Jobs.JobRecord job) => caller.KeyId == job.KeyId;
}
