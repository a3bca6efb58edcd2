namespace Tessera.Studio.Auth;

/// <summary>Who is calling: an API key, or the local user of a --dev studio (no key, no quota, free tier).</summary>
public sealed record Caller(string? KeyId, string Name, double? QuotaSeconds, int Priority)
{
    public static readonly Caller DevLoopback = new(null, "dev (loopback)", null, 0);
}
