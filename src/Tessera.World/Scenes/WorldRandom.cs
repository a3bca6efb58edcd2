namespace Tessera.World.Scenes;

/// <summary>
/// A small, fully specified random generator (SplitMix64) so that a seed gives the same scene on every machine
/// and every .NET version; System.Random makes no such promise.
/// </summary>
public sealed class WorldRandom(ulong seed)
{
    private ulong _state = seed;

    public WorldRandom(long seed, ulong stream) : this(Mix((ulong)seed ^ Mix(stream + 0x9E3779B97F4A7C15UL))) { }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, count).</summary>
    public int Next(int count) => count <= 0 ? throw new ArgumentOutOfRangeException(nameof(count)) : (int)(NextUInt64() % (ulong)count);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public bool Chance(double p) => NextDouble() < p;
}
