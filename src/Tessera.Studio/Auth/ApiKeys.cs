using System.Security.Cryptography;
using System.Text;
using Tessera.Studio.Jobs;

namespace Tessera.Studio.Auth;

/// <summary>
/// API keys: 256 random bits shown once at creation; only their SHA-256 is stored. A plain hash is enough
/// (no salt or slow hash) because the secret is random, not a password someone could guess.
/// </summary>
public static class ApiKeys
{
    public const string SecretPrefix = "tsk_";

    public static (ApiKeyRecord Record, string Secret) Create(string name, double? quotaSeconds, int priority)
    {
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var id = "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return (new ApiKeyRecord(id, name, Hash(secret), quotaSeconds, priority, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null), secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
