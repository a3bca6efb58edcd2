using System.Buffers.Binary;
using System.Text;

namespace Tessera.Media;

/// <summary>
/// One ISO-BMFF / QuickTime box held in memory: its four-character type and its payload. Reads are
/// big-endian and bounds-checked: a box that claims more bytes than it has throws <see cref="BoxFormatException"/>,
/// which the probe turns into "not certain, ask ffprobe".
/// </summary>
internal readonly struct Box(string type, ReadOnlyMemory<byte> payload)
{
    public string Type { get; } = type;
    public ReadOnlyMemory<byte> Payload { get; } = payload;
    private ReadOnlySpan<byte> Span => Payload.Span;

    /// <summary>The child boxes of a container box, starting <paramref name="skip"/> bytes into its payload.</summary>
    public List<Box> Children(int skip = 0)
    {
        if (skip > Payload.Length) throw new BoxFormatException($"{Type}: shorter than its header");
        return Parse(Payload[skip..]);
    }

    /// <summary>The first child of type <paramref name="type"/>, or null.</summary>
    public Box? Child(string type, int skip = 0) => Find(Children(skip), type);

    /// <summary>The child of type <paramref name="type"/>; more than one is a layout this reader does not take on trust.</summary>
    public Box? Single(string type, int skip = 0)
    {
        Box? found = null;
        foreach (var c in Children(skip))
        {
            if (c.Type != type) continue;
            if (found is not null) throw new BoxFormatException($"{Type}: more than one {type}");
            found = c;
        }
        return found;
    }

    public static Box? Find(List<Box> boxes, string type)
    {
        foreach (var b in boxes) if (b.Type == type) return b;
        return null;
    }

    public byte U8(int at) => Slice(at, 1)[0];
    public ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(Slice(at, 2));
    public uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(Slice(at, 4));
    public int I32(int at) => BinaryPrimitives.ReadInt32BigEndian(Slice(at, 4));
    public ulong U64(int at) => BinaryPrimitives.ReadUInt64BigEndian(Slice(at, 8));
    public long I64(int at) => BinaryPrimitives.ReadInt64BigEndian(Slice(at, 8));
    public string FourCc(int at) => Encoding.Latin1.GetString(Slice(at, 4));

    /// <summary>A full box's version (the first payload byte).</summary>
    public byte Version => U8(0);

    public ReadOnlySpan<byte> Slice(int at, int length)
    {
        if (at < 0 || length < 0 || at > Payload.Length - length)
            throw new BoxFormatException($"{Type}: {length} bytes at {at} run past its end ({Payload.Length} bytes)");
        return Span.Slice(at, length);
    }

    /// <summary>Splits <paramref name="data"/> into boxes; sizes must add up exactly.</summary>
    public static List<Box> Parse(ReadOnlyMemory<byte> data)
    {
        var boxes = new List<Box>();
        var pos = 0;
        var span = data.Span;
        while (pos < data.Length)
        {
            if (data.Length - pos < 8) throw new BoxFormatException($"{data.Length - pos} stray bytes after the last box");
            long size = BinaryPrimitives.ReadUInt32BigEndian(span[pos..]);
            var type = Encoding.Latin1.GetString(span.Slice(pos + 4, 4));
            var header = 8;
            if (size == 1)
            {
                if (data.Length - pos < 16) throw new BoxFormatException($"{type}: 64-bit size cut short");
                size = BinaryPrimitives.ReadInt64BigEndian(span[(pos + 8)..]);
                header = 16;
            }
            else if (size == 0) size = data.Length - pos; // runs to the end of its parent
            if (size < header || size > data.Length - pos) throw new BoxFormatException($"{type}: size {size} does not fit ({data.Length - pos} bytes left)");
            boxes.Add(new Box(type, data.Slice(pos + header, (int)size - header)));
            pos += (int)size;
        }
        return boxes;
    }
}

/// <summary>A box layout this reader cannot vouch for: the caller falls back to ffprobe.</summary>
internal sealed class BoxFormatException(string message) : Exception(message);
