using System.Text;
using Tessera.Engine.Native;

namespace Tessera.Engine.Tests.Native;

public sealed class ElfVersionNeedPatcherTests
{
    private static string ShippedLibrary => Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

    [Fact]
    public void ElfHashMatchesTheSystemVReference()
    {
        // Values from the hash field of real Vernaux entries (readelf -V on glibc consumers).
        Assert.Equal(0x0d696910u, ElfVersionNeedPatcher.ElfHash("GLIBC_2.0"));
        Assert.Equal(0x09691a75u, ElfVersionNeedPatcher.ElfHash("GLIBC_2.2.5"));
    }

    [Fact]
    public void RenamesTheGlibcxxNeedAndLeavesTheRestAlone()
    {
        var original = File.ReadAllBytes(ShippedLibrary);
        var patched = ElfVersionNeedPatcher.RenameVersionNeed(original, "GLIBCXX_3.4.32", "GLIBCXX_3.4.30");
        Assert.NotNull(patched);
        Assert.Equal(original.Length, patched!.Length);
        var before = Encoding.ASCII.GetString(original);
        var after = Encoding.ASCII.GetString(patched);
        Assert.Contains("GLIBCXX_3.4.32", before);
        // The version-need name is gone; only symbol names in other tables may still mention it.
        Assert.True(Count(after, "GLIBCXX_3.4.32\0") < Count(before, "GLIBCXX_3.4.32\0"));
        // Few bytes change: the name's two characters and the 4-byte hash.
        var changed = original.Zip(patched).Count(p => p.First != p.Second);
        Assert.InRange(changed, 1, 6);
        // A second pass finds nothing left to rename.
        Assert.Null(ElfVersionNeedPatcher.RenameVersionNeed(patched, "GLIBCXX_3.4.32", "GLIBCXX_3.4.30"));
    }

    [Fact]
    public void RejectsAFileThatIsNotElf()
    {
        Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.RenameVersionNeed(Encoding.ASCII.GetBytes(new string('x', 100)), "A", "B"));
    }

    private static int Count(string s, string needle)
    {
        var n = 0;
        for (var i = s.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = s.IndexOf(needle, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
