namespace Tessera.Media;

/// <summary>
/// The picture size and pixel format an H.264 decoder (FFmpeg's) reports for a stream, read from the
/// sequence parameter set in its avcC box. Only the layouts whose answer is certain are taken on:
/// 8- and 10-bit 4:2:0 and 4:2:2 with no left or top cropping; anything else throws BoxFormatException.
/// </summary>
internal sealed record H264Sps(int Width, int Height, string PixelFormat)
{
    private static readonly int[] HighProfiles = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    /// <param name="avcC">The avcC box's payload.</param>
    /// <param name="containerFullRange">The range a colr (nclx) box gives, used when the SPS does not say.</param>
    public static H264Sps FromAvcC(Box avcC, bool? containerFullRange)
    {
        if (avcC.U8(0) != 1) throw new BoxFormatException("avcC: unknown version");
        var spsCount = avcC.U8(5) & 0x1F;
        if (spsCount != 1) throw new BoxFormatException($"avcC: {spsCount} sequence parameter sets");
        var length = avcC.U16(6);
        var nal = avcC.Slice(8, length);
        if (nal.Length < 4 || (nal[0] & 0x1F) != 7) throw new BoxFormatException("avcC: not a sequence parameter set");
        return Parse(Unescape(nal[1..]), containerFullRange);
    }

    private static H264Sps Parse(byte[] rbsp, bool? containerFullRange)
    {
        var r = new BitReader(rbsp);
        var profile = (int)r.Bits(8);
        r.Bits(16); // constraint flags, level
        r.Ue();     // seq_parameter_set_id
        uint chroma = 1, bitDepth = 8;
        if (Array.IndexOf(HighProfiles, profile) >= 0)
        {
            chroma = r.Ue();
            if (chroma == 3) r.Flag(); // separate_colour_plane_flag
            bitDepth = r.Ue() + 8;
            if (r.Ue() + 8 != bitDepth) throw new BoxFormatException("H.264: chroma depth differs from luma");
            r.Flag(); // qpprime_y_zero_transform_bypass_flag
            if (r.Flag()) SkipScalingMatrix(r, chroma == 3 ? 12 : 8);
        }
        r.Ue(); // log2_max_frame_num_minus4
        var pocType = r.Ue();
        if (pocType == 0) r.Ue();
        else if (pocType == 1)
        {
            r.Flag();
            r.Se();
            r.Se();
            var cycle = r.Ue();
            if (cycle > 255) throw new BoxFormatException("H.264: bad picture order cycle");
            for (var i = 0; i < cycle; i++) r.Se();
        }
        else if (pocType != 2) throw new BoxFormatException("H.264: bad picture order type");
        r.Ue();   // max_num_ref_frames
        r.Flag(); // gaps_in_frame_num_value_allowed_flag
        var widthMbs = r.Ue() + 1;
        var heightUnits = r.Ue() + 1;
        var frameMbsOnly = r.Flag();
        if (!frameMbsOnly) r.Flag(); // mb_adaptive_frame_field_flag
        r.Flag(); // direct_8x8_inference_flag
        uint cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (r.Flag())
        {
            cropLeft = r.Ue();
            cropRight = r.Ue();
            cropTop = r.Ue();
            cropBottom = r.Ue();
        }
        // FFmpeg moves an unaligned left crop; a top crop interacts with the container's size: not certain.
        if (cropLeft != 0 || cropTop != 0) throw new BoxFormatException("H.264: cropped at the left or top");
        bool? fullRange = null;
        if (r.Flag()) // vui_parameters_present_flag
        {
            if (r.Flag() && r.Bits(8) == 255) r.Bits(32); // aspect_ratio_info: idc, extended SAR
            if (r.Flag()) r.Flag();                       // overscan_info
            if (r.Flag())                                 // video_signal_type_present_flag
            {
                r.Bits(3); // video_format
                fullRange = r.Flag();
            }
        }
        if (chroma is not (1 or 2) || bitDepth is not (8 or 10)) throw new BoxFormatException($"H.264: chroma format {chroma} at {bitDepth} bits");
        var (cropUnitX, cropUnitY) = (2u, (chroma == 1 ? 2u : 1u) * (frameMbsOnly ? 1u : 2u));
        var width = widthMbs * 16 - cropUnitX * (cropLeft + cropRight);
        var height = heightUnits * 16 * (frameMbsOnly ? 1u : 2u) - cropUnitY * (cropTop + cropBottom);
        if (width is 0 or > 16384 || height is 0 or > 16384) throw new BoxFormatException($"H.264: size {width}x{height}");
        var range = fullRange ?? containerFullRange ?? false;
        var format = (chroma, bitDepth) switch
        {
            (1, 8) => range ? "yuvj420p" : "yuv420p",
            (2, 8) => range ? "yuvj422p" : "yuv422p",
            (1, 10) => "yuv420p10le",
            _ => "yuv422p10le",
        };
        return new H264Sps((int)width, (int)height, format);
    }

    private static void SkipScalingMatrix(BitReader r, int lists)
    {
        for (var i = 0; i < lists; i++)
        {
            if (!r.Flag()) continue;
            var size = i < 6 ? 16 : 64;
            int last = 8, next = 8;
            for (var j = 0; j < size; j++)
            {
                if (next != 0) next = (last + r.Se() + 256) % 256;
                last = next == 0 ? last : next;
            }
        }
    }

    /// <summary>Removes emulation-prevention bytes (00 00 03 → 00 00).</summary>
    private static byte[] Unescape(ReadOnlySpan<byte> nal)
    {
        var output = new List<byte>(nal.Length);
        var zeros = 0;
        foreach (var b in nal)
        {
            if (zeros >= 2 && b == 3) { zeros = 0; continue; }
            zeros = b == 0 ? zeros + 1 : 0;
            output.Add(b);
        }
        return [.. output];
    }
}
