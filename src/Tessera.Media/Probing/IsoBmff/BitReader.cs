namespace Tessera.Media;

/// <summary>Reads bits most-significant first, with the Exp-Golomb codes H.264 parameter sets use.</summary>
internal sealed class BitReader(byte[] data)
{
    private long _bit;

    public bool Flag() => Bits(1) == 1;

    public uint Bits(int count)
    {
        uint value = 0;
        for (var i = 0; i < count; i++)
        {
            var index = _bit >> 3;
            if (index >= data.Length) throw new BoxFormatException("bitstream ends early");
            value = (value << 1) | (uint)((data[index] >> (7 - (int)(_bit & 7))) & 1);
            _bit++;
        }
        return value;
    }

    /// <summary>ue(v): unsigned Exp-Golomb.</summary>
    public uint Ue()
    {
        var zeros = 0;
        while (!Flag())
            if (++zeros > 31) throw new BoxFormatException("Exp-Golomb code longer than 32 bits");
        return zeros == 0 ? 0 : (uint)((1UL << zeros) - 1 + Bits(zeros));
    }

    /// <summary>se(v): signed Exp-Golomb.</summary>
    public int Se()
    {
        var k = Ue();
        return (k & 1) == 1 ? (int)((k + 1) / 2) : -(int)(k / 2);
    }
}
