namespace Tessera.Studio.Storage;

/// <summary>
/// Decides what a file is from its first bytes (magic numbers), never from its name or the Content-Type the
/// client claims: an upload that calls itself video.mp4 but holds a script is refused.
/// </summary>
public static class MediaSniffer
{
    public sealed record Sniffed(string Kind, string MediaType, string Extension);

    public static Sniffed? Sniff(byte[] head)
    {
        bool At(int offset, ReadOnlySpan<byte> magic) => head.Length >= offset + magic.Length && head.AsSpan(offset, magic.Length).SequenceEqual(magic);

        if (At(0, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return new("image", "image/png", ".png");
        if (At(0, [0xFF, 0xD8, 0xFF])) return new("image", "image/jpeg", ".jpg");
        if (At(0, "GIF87a"u8) || At(0, "GIF89a"u8)) return new("image", "image/gif", ".gif");
        if (At(0, "RIFF"u8) && At(8, "WEBP"u8)) return new("image", "image/webp", ".webp");
        if (At(0, "RIFF"u8) && At(8, "WAVE"u8)) return new("audio", "audio/wav", ".wav");
        if (At(0, "OggS"u8)) return new("audio", "audio/ogg", ".ogg");
        if (At(0, "fLaC"u8)) return new("audio", "audio/flac", ".flac");
        if (At(0, "ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)) return new("audio", "audio/mpeg", ".mp3");
        if (At(0, [0x1A, 0x45, 0xDF, 0xA3])) return new("video", "video/webm", ".webm");
        if (At(4, "ftyp"u8))
        {
            // ISO base media: the major brand says whether it is audio-only (M4A) or a video.
            if (At(8, "M4A "u8)) return new("audio", "audio/mp4", ".m4a");
            if (At(8, "qt  "u8)) return new("video", "video/quicktime", ".mov");
            return new("video", "video/mp4", ".mp4");
        }
        return null;
    }
}
