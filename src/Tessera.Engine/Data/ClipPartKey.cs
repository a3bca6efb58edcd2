using System.Security.Cryptography;
using System.Text;

namespace Tessera.Engine.Data;

/// <summary>
/// The key a latent cache part is kept under: a label and a short hash of the part's clips, ids and captions both
/// (ids alone repeat across the data sets a mix links together, "000000" in each). It depends only on those clips,
/// so a data set that grows keeps its cached parts, and one rewritten or relinked in the same folder never reuses
/// stale latents.
/// </summary>
public static class ClipPartKey
{
    public static string Of(string label, IEnumerable<(string Id, IReadOnlyList<string> Captions)> clips)
    {
        var text = string.Join('\n', clips.Select(c => string.Join('\t', c.Captions.Prepend(c.Id))));
        return label + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();
    }
}
