namespace Tessera.Engine.Latents;

/// <summary>What one <see cref="LatentCache.Build"/> did: clips whose latents were already cached, and clips it encoded.</summary>
public sealed record LatentCacheCounts(int Reused, int Encoded)
{
    public override string ToString() => $"{Reused} clips from the cache, {Encoded} encoded";
}
