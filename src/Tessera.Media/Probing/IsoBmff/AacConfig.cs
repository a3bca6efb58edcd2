namespace Tessera.Media;

/// <summary>
/// The sample rate and channel count an AAC decoder reports, read from an esds box's
/// AudioSpecificConfig. Only plain AAC-LC whose answer is certain is taken on: a two-byte config, a
/// channel configuration of 1–6 or 7 (8 channels), and either SBR signalled absent (as FFmpeg's encoder
/// writes it) or a rate above 24 kHz (at or below it a decoder looks for implicit SBR and may double the rate). Anything else throws BoxFormatException.
/// </summary>
internal sealed record AacConfig(int SampleRate, int Channels)
{
    private static readonly int[] Rates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    public static AacConfig FromEsds(Box esds)
    {
        var pos = 4; // version + flags
        if (!Descriptor(esds, ref pos, 0x03, out _)) throw new BoxFormatException("esds: no ES descriptor");
        pos += 2; // ES_ID
        var flags = esds.U8(pos++);
        if ((flags & 0x80) != 0) pos += 2;                  // streamDependenceFlag
        if ((flags & 0x40) != 0) pos += 1 + esds.U8(pos);   // URL_Flag
        if ((flags & 0x20) != 0) pos += 2;                  // OCRstreamFlag
        if (!Descriptor(esds, ref pos, 0x04, out _)) throw new BoxFormatException("esds: no decoder config");
        var objectType = esds.U8(pos);
        if (objectType != 0x40) throw new BoxFormatException($"esds: object type 0x{objectType:x2} is not MPEG-4 audio"); // 0x66–0x68 (MPEG-2 AAC), 0x6B (MP3): ffprobe
        pos += 13;
        if (!Descriptor(esds, ref pos, 0x05, out var length) || length is not (2 or 5)) throw new BoxFormatException($"esds: a {length}-byte AudioSpecificConfig");
        var config = esds.U16(pos);
        // FFmpeg's encoder appends "no SBR" explicitly (sync word 0x2b7, object type 5, flag 0); then no decoder
        // looks for implicit SBR and the rate is final whatever it is.
        var noSbr = false;
        if (length == 5)
        {
            var extension = esds.U32(pos + 1) & 0xFFFFFF; // bits 16..39 of the config
            if (extension >> 13 != 0x2b7 || ((extension >> 8) & 0x1F) != 5 || ((extension >> 7) & 1) != 0)
                throw new BoxFormatException("AAC with SBR or parametric stereo");
            noSbr = true;
        }
        var audioObjectType = config >> 11;
        var rateIndex = (config >> 7) & 0xF;
        var channelConfig = (config >> 3) & 0xF;
        if (audioObjectType != 2 || rateIndex >= Rates.Length || (config & 0x7) != 0) throw new BoxFormatException($"AAC object type {audioObjectType} (rate index {rateIndex}) is not plain AAC-LC");
        var rate = Rates[rateIndex];
        if (rate <= 24000 && !noSbr) throw new BoxFormatException($"AAC at {rate} Hz may carry implicit SBR");
        int? channels = channelConfig switch { >= 1 and <= 6 => channelConfig, 7 => 8, _ => null };
        return channels is { } n ? new AacConfig(rate, n) : throw new BoxFormatException($"AAC channel configuration {channelConfig}");
    }

    /// <summary>Reads a descriptor header of tag <paramref name="tag"/>; <paramref name="pos"/> moves to its body.</summary>
    private static bool Descriptor(Box box, ref int pos, int tag, out int length)
    {
        length = 0;
        if (box.U8(pos++) != tag) return false;
        for (var i = 0; i < 4; i++)
        {
            var b = box.U8(pos++);
            length = (length << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }
}
