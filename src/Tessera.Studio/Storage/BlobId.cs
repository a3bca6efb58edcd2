namespace Tessera.Studio.Storage;

/// <summary>Blob and asset ids are SHA-256 digests in lowercase hex; anything else is not an id.</summary>
public static class BlobId
{
    public static bool IsValid(string? id) =>
        id is { Length: 64 } && id.All(ch => ch is >= '0' and <= '9' or >= 'a' and <= 'f');
}
