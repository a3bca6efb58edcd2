using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Tessera.Engine.Checkpoints;
using Tessera.Engine.Native;
using Tessera.Media;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Checkpoints;

public sealed class SafeTensorsFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-st-").FullName;

    public SafeTensorsFileTests() => TorchNative.EnsureLoaded();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, Tensor> Sample() => new()
    {
        ["encoder.weight"] = torch.tensor(new float[] { 1.5f, -2.25f, 3e-8f, 1e6f, 0f, -0f }).reshape(2, 3),
        ["encoder.bias.bf16"] = torch.tensor(new float[] { 1f, -0.5f, 3.140625f }).to_type(ScalarType.BFloat16),
        ["step"] = torch.tensor(new long[] { 123456789012L }),
        ["mask"] = torch.tensor(new bool[] { true, false, true }),
        ["pixels"] = torch.tensor(new byte[] { 0, 7, 255 }),
        ["empty"] = torch.zeros(0, 4),
    };

    [Fact]
    public void RoundTripKeepsValuesDtypesShapesAndMetadata()
    {
        var path = Path.Combine(_dir, "a.safetensors");
        var original = Sample();
        SafeTensorsFile.Save(path, original, new Dictionary<string, string> { ["config"] = "{\"dim\":4}", ["名字"] = "小模型" });
        using var loaded = SafeTensorsFile.Load(path);
        Assert.Equal(original.Keys.Order(), loaded.Tensors.Keys.Order());
        foreach (var (name, t) in original)
        {
            var back = loaded.Tensors[name];
            Assert.Equal(t.dtype, back.dtype);
            Assert.Equal(t.shape, back.shape);
            Assert.True(t.bytes.SequenceEqual(back.bytes), $"{name} differs after the round trip");
        }
        Assert.Equal("{\"dim\":4}", loaded.Metadata["config"]);
        Assert.Equal("小模型", loaded.Metadata["名字"]);
    }

    [Fact]
    public void BytesFollowTheSpec()
    {
        var path = Path.Combine(_dir, "spec.safetensors");
        SafeTensorsFile.Save(path, Sample(), new Dictionary<string, string> { ["k"] = "v" });
        var bytes = File.ReadAllBytes(path);
        var n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + n) % 8);                                   // data starts 8-byte aligned
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.StartsWith("{", header);
        Assert.Matches("^[^ ]*\\} *$", header);                         // padding is trailing spaces only
        using var doc = JsonDocument.Parse(header);
        Assert.Equal("v", doc.RootElement.GetProperty("__metadata__").GetProperty("k").GetString());
        var expectedDtypes = new Dictionary<string, string>
        {
            ["encoder.weight"] = "F32", ["encoder.bias.bf16"] = "BF16", ["step"] = "I64", ["mask"] = "BOOL", ["pixels"] = "U8", ["empty"] = "F32",
        };
        var spans = new List<(long Begin, long End)>();
        foreach (var p in doc.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__"))
        {
            Assert.Equal(expectedDtypes[p.Name], p.Value.GetProperty("dtype").GetString());
            var off = p.Value.GetProperty("data_offsets");
            spans.Add((off[0].GetInt64(), off[1].GetInt64()));
        }
        spans.Sort();
        long at = 0;
        foreach (var (b, e) in spans)
        {
            Assert.Equal(at, b);                                        // contiguous from 0, no gaps
            at = e;
        }
        Assert.Equal(bytes.Length - 8 - n, at);                         // nothing after the last tensor
        var w = JsonSerializer.Deserialize<long[]>(doc.RootElement.GetProperty("encoder.weight").GetProperty("data_offsets").GetRawText())!;
        Assert.Equal(-2.25f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + n + w[0] + 4))));
    }

    [Fact]
    public void PythonStandardLibraryReadsOurFile()
    {
        var path = Path.Combine(_dir, "py.safetensors");
        SafeTensorsFile.Save(path, Sample(), new Dictionary<string, string> { ["note"] = "hi" });
        // An independent reader written to the spec alone: struct + json, no safetensors package.
        const string script = """
            import json, struct, sys
            b = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', b[:8])[0]
            h = json.loads(b[8:8+n])
            d = b[8+n:]
            def vals(name):
                e = h[name]; s, t = e['data_offsets']; raw = d[s:t]
                if e['dtype'] == 'F32': return list(struct.unpack('<%df' % (len(raw)//4), raw))
                if e['dtype'] == 'BF16': return [struct.unpack('<f', b'\x00\x00' + raw[i:i+2])[0] for i in range(0, len(raw), 2)]
                if e['dtype'] == 'I64': return list(struct.unpack('<%dq' % (len(raw)//8), raw))
                if e['dtype'] in ('U8', 'BOOL'): return list(raw)
            print(json.dumps({'meta': h['__metadata__'], 'w': vals('encoder.weight'), 'wshape': h['encoder.weight']['shape'],
                              'b': vals('encoder.bias.bf16'), 'step': vals('step'), 'mask': vals('mask'), 'px': vals('pixels'),
                              'empty': h['empty']['shape']}))
            """;
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal("hi", r.GetProperty("meta").GetProperty("note").GetString());
        Assert.Equal(new[] { 1.5, -2.25, 3e-8, 1e6, 0, 0 }, r.GetProperty("w").EnumerateArray().Select(x => Math.Round(x.GetDouble(), 12)).ToArray());
        Assert.Equal(new[] { 2, 3 }, r.GetProperty("wshape").EnumerateArray().Select(x => x.GetInt32()).ToArray());
        Assert.Equal(new[] { 1.0, -0.5, 3.140625 }, r.GetProperty("b").EnumerateArray().Select(x => x.GetDouble()).ToArray());
        Assert.Equal(123456789012L, r.GetProperty("step")[0].GetInt64());
        Assert.Equal(new[] { 1, 0, 1 }, r.GetProperty("mask").EnumerateArray().Select(x => x.GetInt32()).ToArray());
        Assert.Equal(new[] { 0, 7, 255 }, r.GetProperty("px").EnumerateArray().Select(x => x.GetInt32()).ToArray());
        Assert.Equal(new[] { 0, 4 }, r.GetProperty("empty").EnumerateArray().Select(x => x.GetInt32()).ToArray());
    }

    [Fact]
    public void MissingFileErrorNamesTheFile()
    {
        var path = Path.Combine(_dir, "nope.safetensors");
        var e = Assert.Throws<TesseraError>(() => SafeTensorsFile.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Theory]
    [InlineData(10)]      // cut inside the tensor data
    [InlineData(100)]     // cut inside the JSON header
    [InlineData(4)]       // cut inside the length prefix
    public void TruncatedFileErrorNamesTheFile(int keepFromEnd)
    {
        var path = Path.Combine(_dir, "cut.safetensors");
        SafeTensorsFile.Save(path, Sample());
        var bytes = File.ReadAllBytes(path);
        var keep = keepFromEnd == 4 ? 4 : keepFromEnd == 100 ? 100 : bytes.Length - keepFromEnd;
        File.WriteAllBytes(path, bytes[..keep]);
        var e = Assert.Throws<TesseraError>(() => SafeTensorsFile.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void GarbageFileErrorNamesTheFile()
    {
        var path = Path.Combine(_dir, "garbage.safetensors");
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 16);
        Encoding.ASCII.GetBytes("not json at all!").CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<TesseraError>(() => SafeTensorsFile.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void SaveReplacesAtomicallyAndLeavesNoTempFiles()
    {
        var path = Path.Combine(_dir, "model.safetensors");
        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["x"] = torch.ones(3) });
        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["x"] = torch.full(3, 2f) });
        using var loaded = SafeTensorsFile.Load(path);
        Assert.Equal(2f, loaded.Tensors["x"][0].item<float>());
        Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }
}
