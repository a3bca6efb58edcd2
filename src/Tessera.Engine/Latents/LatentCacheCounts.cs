namespace Tessera.Engine.Latents;

/// <summary>What one <see cref="LatentCache.Build"/> did: clips whose latents were already cached, clips it encoded, and
/// cached clips it completed with tensors the cache lacked (4:2:0 contexts, stills, pixels) while keeping the rest.</summary>
public sealed record LatentCacheCounts(int Reused, int Encoded, int Completed = 0)
{
    public override string ToString() =>
        $"{Reused} clips from the cache, {Encoded} encoded" + (Completed > 0 ? $", {Completed} from the cache with tensors added" : "");
}
