using System.Text.Json;
using Tessera.Media;

namespace Tessera.World.Datasets;

/// <summary>Reads back a data set's finished samples: every shard's index.jsonl, in shard order.</summary>
public static class DatasetIndex
{
    /// <summary>Each sample's entry and the shard folder its relative paths start from.</summary>
    public static IEnumerable<(DatasetEntry Entry, string ShardDir)> Read(string dir)
    {
        foreach (var shard in Directory.EnumerateDirectories(dir, "shard-*").Order(StringComparer.Ordinal))
        {
            var index = Path.Combine(shard, DatasetWriter.IndexFile);
            if (!File.Exists(index)) continue;
            foreach (var line in File.ReadLines(index))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                var entry = JsonSerializer.Deserialize<DatasetEntry>(line) ?? throw new TesseraError($"{index}: a line is not a data set entry");
                yield return (entry, shard);
            }
        }
    }
}
