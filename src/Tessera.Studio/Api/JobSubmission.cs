using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tessera.Studio.Api.Contracts;
using Tessera.Studio.Auth;
using Tessera.Studio.Hosting;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Api;

/// <summary>What every job submission does after validation: idempotency key, daily quota, priority, enqueue.</summary>
public sealed class JobSubmission(IJobStore store, StudioOptions options)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Results<Accepted<JobCreated>, ProblemHttpResult>> SubmitAsync<TSpec>(
        HttpContext http, string kind, TSpec spec, double generatedSeconds, string locationPrefix)
    {
        var caller = http.GetCaller();
        var idempotencyKey = http.Request.Headers[IdempotencyHeader].ToString();
        if (idempotencyKey.Length > 200 || idempotencyKey.Any(c => c < 0x21 || c > 0x7E))
            return Problems.BadRequest($"the {IdempotencyHeader} header must be 1-200 printable ASCII characters without spaces");

        var day = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var charged = false;
        if (caller is { KeyId: { } keyId, QuotaSeconds: { } quota } && generatedSeconds > 0)
        {
            if (!await store.TryChargeAsync(keyId, day, generatedSeconds, quota, http.RequestAborted))
            {
                var used = await store.UsedSecondsAsync(keyId, day, http.RequestAborted);
                return Problems.Status(429, "Daily quota exceeded",
                    $"this request needs {generatedSeconds:0.##} s of video but key '{caller.Name}' has {Math.Max(0, quota - used):0.##} s of its {quota:0.##} s left today (UTC); try fewer variants or frames, or tomorrow");
            }
            charged = true;
        }
        var (job, created) = await store.EnqueueAsync(new NewJob(
            "job_" + Guid.CreateVersion7().ToString("N"), kind, JsonSerializer.Serialize(spec, Json), caller.Priority, caller.KeyId,
            idempotencyKey.Length == 0 ? null : idempotencyKey, options.Worker.MaxAttempts), http.RequestAborted);
        if (!created && charged)
            await store.TryChargeAsync(caller.KeyId!, day, -generatedSeconds, double.MaxValue, CancellationToken.None); // a replay costs nothing
        if (!created && job.Kind != kind)
            return Problems.Status(409, "Idempotency key reused", $"the {IdempotencyHeader} '{idempotencyKey}' was already used for a {job.Kind} job {job.Id}");
        return TypedResults.Accepted($"{locationPrefix}/{job.Id}", new JobCreated(job.Id, job.Status));
    }
}
