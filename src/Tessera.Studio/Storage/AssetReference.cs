namespace Tessera.Studio.Storage;

/// <summary>How a timeline names a stored file: "asset:" followed by the asset id.</summary>
public static class AssetReference
{
    public const string Prefix = "asset:";

    public static bool TryParse(string text, out string id)
    {
        id = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : "";
        return BlobId.IsValid(id);
    }

    /// <summary>True when the text starts like a reference, valid or not (so a malformed one can be reported).</summary>
    public static bool LooksLikeOne(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);
}
