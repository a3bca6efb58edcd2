using System.Security.Cryptography;
using System.Text;

namespace Tessera.Studio.Storage;

/// <summary>
/// Signed asset links: /api/v1/assets/ID?sig=… opens without an Authorization header, so a &lt;video&gt; tag (which
/// cannot send one) can play a result that the API handed to a key holder. The signing secret lives in
/// DATA/url-signing.key, created on first start; servers sharing a queue share it by sharing --data or the file.
/// </summary>
public sealed class AssetUrls
{
    private readonly byte[] _secret;

    public AssetUrls(string dataDir)
    {
        var path = Path.Combine(dataDir, "url-signing.key");
        if (!File.Exists(path))
        {
            try
            {
                using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                f.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path)) { } // another process created it first
        }
        _secret = File.ReadAllBytes(path);
        if (_secret.Length < 32) throw new Tessera.Media.TesseraError($"{path} is damaged (shorter than 32 bytes); delete it to make a new one");
    }

    public string Url(string assetId) => $"/api/v1/assets/{assetId}?sig={Signature(assetId)}";

    public bool IsValid(string assetId, string? signature) =>
        signature is { Length: 32 } && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Signature(assetId)));

    private string Signature(string assetId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(assetId)))[..32];
}
