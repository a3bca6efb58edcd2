using System.Text.Json;
using Tessera.Media;

namespace Tessera.Engine.Tests.Data;

/// <summary>
/// Writes a small data set folder in the contracts §1 layout for tests: coloured balls moving in
/// straight lines over a white background, encoded as real near-lossless MP4s through FrameWriter.
/// </summary>
public static class SyntheticDataset
{
    private static readonly (string Name, byte R, byte G, byte B)[] Colours =
        [("red", 255, 0, 0), ("blue", 0, 0, 255), ("green", 0, 170, 0)];

    public static void Write(string dir, int count, int width, int height, int frames, int seed = 1, int shardSize = 4)
    {
        Directory.CreateDirectory(dir);
        var manifest = new { format = "tessera-dataset/1", scenario = "synthetic", width, height, frames, fps = 8, count, seed, shardSize };
        File.WriteAllText(Path.Combine(dir, "dataset.json"), JsonSerializer.Serialize(manifest));
        var rng = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var shard = Path.Combine(dir, $"shard-{i / shardSize:00000}");
            Directory.CreateDirectory(shard);
            var colour = Colours[rng.Next(Colours.Length)];
            double x = rng.Next(width / 4, 3 * width / 4), y = rng.Next(height / 4, 3 * height / 4);
            double vx = rng.NextDouble() * 4 - 2, vy = rng.NextDouble() * 4 - 2, r = height / 8.0 + rng.Next(3);
            var video = new List<byte[]>();
            for (var f = 0; f < frames; f++)
                video.Add(Ball(width, height, x + vx * f, y + vy * f, r, colour));
            var id = i.ToString("000000");
            FrameWriter.WriteAll(Path.Combine(shard, id + ".mp4"), new FrameWriteOptions(width, height, 8, Crf: 10, Preset: "veryfast"), video);
            var caption = $"a {colour.Name} ball moves {(vx > 0 ? "right" : "left")}";
            var line = JsonSerializer.Serialize(new { id, video = id + ".mp4", truth = (string?)null, caption_en = caption, caption_zh = "一个球", captions = new[] { caption, "球在移动" } });
            File.AppendAllText(Path.Combine(shard, "index.jsonl"), line + "\n");
        }
    }

    public static byte[] Ball(int width, int height, double cx, double cy, double radius, (string, byte R, byte G, byte B) colour)
    {
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var o = (y * width + x) * 3;
            var inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
            rgb[o] = inside ? colour.R : (byte)255;
            rgb[o + 1] = inside ? colour.G : (byte)255;
            rgb[o + 2] = inside ? colour.B : (byte)255;
        }
        return rgb;
    }
}
