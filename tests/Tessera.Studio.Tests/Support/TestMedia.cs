using System.Text.Json;
using Tessera.Media;

namespace Tessera.Studio.Tests.Support;

/// <summary>Small real media files for uploads, and ffprobe's view of container tags.</summary>
public static class TestMedia
{
    public static byte[] Png(int width = 32, int height = 16, byte r = 200, byte g = 30, byte b = 30)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        var path = Path.Combine(Path.GetTempPath(), $"tessera-test-{Guid.NewGuid():N}.png");
        try
        {
            new RgbImage(width, height, pixels).SavePng(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static IReadOnlyDictionary<string, string> Tags(string path)
    {
        var json = ChildProcess.RunForText(FfmpegTools.Ffprobe, ["-v", "error", "-show_entries", "format_tags", "-of", "json", path], TimeSpan.FromSeconds(30));
        var tags = JsonDocument.Parse(json).RootElement.GetProperty("format").GetProperty("tags");
        return tags.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    public static MultipartFormDataContent Upload(byte[] bytes, string fileName, string claimedType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new(claimedType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
