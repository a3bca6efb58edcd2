using System.Buffers.Binary;
using System.Text;

namespace Tessera.Engine.Native;

/// <summary>
/// Rewrites one symbol-version requirement in an ELF64 shared object's <c>.gnu.version_r</c>, in
/// memory: the version's name in <c>.dynstr</c> and its ELF hash in the Vernaux entry. TorchSharp's
/// libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13) only for <c>std::ios_base_library_init()</c>,
/// which nothing relocates against; renaming the need to a version Debian 12's libstdc++ has lets
/// the loader accept the library without changing any code in it.
/// </summary>
public static class ElfVersionNeedPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>
    /// Renames version need <paramref name="from"/> to <paramref name="to"/> (same length) and returns
    /// the patched bytes, or null if <paramref name="from"/> is not needed by this file.
    /// </summary>
    public static byte[]? RenameVersionNeed(byte[] elf, string from, string to)
    {
        if (from.Length != to.Length) throw new ArgumentException("version names must have the same length");
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("only little-endian ELF64 is supported");

        var span = elf.AsSpan();
        var shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);

        for (var i = 0; i < shnum; i++)
        {
            var sh = span.Slice((int)(shoff + i * shentsize), shentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerneed) continue;
            var verneedOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            var link = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            var verneedCount = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2C..]); // sh_info: number of Verneed entries
            var strtab = span.Slice((int)(shoff + link * shentsize), shentsize);
            var dynstrOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(strtab[0x18..]);
            return Patch(elf, verneedOffset, verneedCount, dynstrOffset, from, to);
        }
        return null;
    }

    private static byte[]? Patch(byte[] elf, long verneedOffset, uint count, long dynstrOffset, string from, string to)
    {
        var patched = (byte[])elf.Clone();
        var span = patched.AsSpan();
        var found = false;
        var vn = verneedOffset;
        for (var n = 0; n < count; n++)
        {
            // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32
            var cnt = BinaryPrimitives.ReadUInt16LittleEndian(span[(int)(vn + 2)..]);
            var aux = vn + BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(vn + 8)..]);
            for (var a = 0; a < cnt; a++)
            {
                // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32
                var nameOffset = dynstrOffset + BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(aux + 8)..]);
                if (ReadCString(span, nameOffset) == from)
                {
                    Encoding.ASCII.GetBytes(to).CopyTo(span[(int)nameOffset..]);
                    BinaryPrimitives.WriteUInt32LittleEndian(span[(int)aux..], ElfHash(to));
                    found = true;
                }
                aux += BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(aux + 12)..]);
            }
            var next = BinaryPrimitives.ReadUInt32LittleEndian(span[(int)(vn + 12)..]);
            if (next == 0) break;
            vn += next;
        }
        return found ? patched : null;
    }

    /// <summary>The System V ABI's ELF hash, as stored in vna_hash.</summary>
    public static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    private static string ReadCString(ReadOnlySpan<byte> data, long offset)
    {
        var s = data[(int)offset..];
        var end = s.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? s : s[..end]);
    }
}
