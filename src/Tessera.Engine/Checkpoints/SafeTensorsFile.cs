using System.Text.Encodings.Web;
using System.Text.Json;
using Tessera.Media;
using Tessera.Engine.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (github.com/huggingface/safetensors): an 8-byte little-endian
/// header length N, N bytes of JSON {name: {dtype, shape, data_offsets}, "__metadata__": {string: string}}
/// padded with spaces to a multiple of 8, then the raw little-endian tensor bytes, contiguous from
/// offset 0. Files we write load in Python's <c>safetensors</c>; writes are atomic (temp + rename).
/// </summary>
public static class SafeTensorsFile
{
    private const string MetadataKey = "__metadata__";
    /// <summary>The Python reader refuses headers above 100 MB; so do we, before allocating.</summary>
    private const long MaxHeaderBytes = 100_000_000;

    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        TorchNative.EnsureLoaded();
        // Names in ordinal order so the same content always gives the same bytes.
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        if (names.Contains(MetadataKey)) throw new ArgumentException($"'{MetadataKey}' is reserved and cannot name a tensor");
        using var scope = torch.NewDisposeScope();
        var cpu = names.Select(n => tensors[n].detach().cpu().contiguous()).ToList();

        var header = BuildHeader(names, cpu, metadata);
        using var file = new AtomicFile(path);
        using (var stream = new FileStream(file.TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> length = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var t in cpu) stream.Write(t.bytes);
            stream.Flush(flushToDisk: true);
        }
        file.Commit();
    }

    private static byte[] BuildHeader(List<string> names, List<Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            for (var i = 0; i < names.Count; i++)
            {
                var t = tensors[i];
                var bytes = t.NumberOfElements * t.ElementSize;
                json.WriteStartObject(names[i]);
                json.WriteString("dtype", SafeTensorsDType.NameOf(t.dtype));
                json.WriteStartArray("shape");
                foreach (var d in t.shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        // Pad with spaces so the data starts 8-byte aligned (8 + N is a multiple of 8).
        var padded = (int)((buffer.Length + 7) / 8 * 8);
        var header = new byte[padded];
        buffer.ToArray().CopyTo(header, 0);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }

    /// <summary>Loads every tensor onto the CPU. Throws a TesseraError naming the file when it is missing, truncated or corrupt.</summary>
    public static SafeTensorsContent Load(string path)
    {
        TorchNative.EnsureLoaded();
        if (!File.Exists(path))
            throw new TesseraError($"checkpoint not found: {path}; check the path, or train one first (tessera train …)");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TesseraError($"checkpoint {path} cannot be opened: {e.Message}", 2, e);
        }
        using (stream)
        {
            var (entries, metadata, dataStart) = ReadHeader(path, stream);
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            try
            {
                foreach (var e in entries.OrderBy(e => e.Begin))
                {
                    var t = torch.empty(e.Shape, e.Type);
                    tensors[e.Name] = t;
                    if (e.End == e.Begin) continue;
                    // ReadHeader has checked that the offsets tile the file's data exactly, so every tensor is whole.
                    stream.Position = dataStart + e.Begin;
                    // Straight into the tensor through a small buffer: a byte[] per tensor would leave gigabytes of
                    // large-object garbage behind when a trainer loads a latent cache, which the GC does not see as
                    // pressure next to libtorch's memory (a resume was killed for memory that way).
                    t.ReadBytesFromStream(stream);
                }
            }
            catch
            {
                foreach (var t in tensors.Values) t.Dispose();
                throw;
            }
            // Loaded tensors belong to the caller, not to whatever dispose scope is open.
            foreach (var t in tensors.Values) t.MoveToOuterDisposeScope();
            return new SafeTensorsContent(tensors, metadata);
        }
    }

    private sealed record Entry(string Name, ScalarType Type, long[] Shape, long Begin, long End);

    private static (List<Entry> Entries, Dictionary<string, string> Metadata, long DataStart) ReadHeader(string path, FileStream stream)
    {
        var fileLength = stream.Length;
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) != 8)
            throw Corrupt(path, $"the file has {fileLength} bytes, fewer than the 8-byte header length");
        var headerLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)MaxHeaderBytes || (long)headerLength > fileLength - 8)
            throw Corrupt(path, $"header length {headerLength} does not fit in a {fileLength}-byte file");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var dataStart = 8 + (long)headerLength;
        var dataLength = fileLength - dataStart;

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"the header is not valid JSON ({e.Message})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Corrupt(path, "the header is not a JSON object");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<Entry>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == MetadataKey)
                {
                    if (p.Value.ValueKind != JsonValueKind.Object) throw Corrupt(path, "__metadata__ is not an object");
                    foreach (var m in p.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw Corrupt(path, $"metadata '{m.Name}' is not a string");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                entries.Add(ParseEntry(path, p));
            }
            // Offsets must tile the data region exactly: no gaps, no overlaps, nothing left over.
            long expected = 0;
            foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
            {
                if (e.Begin != expected) throw Corrupt(path, $"tensor '{e.Name}' starts at {e.Begin}, expected {expected}");
                expected = e.End;
            }
            if (expected != dataLength)
                throw Corrupt(path, expected > dataLength
                    ? $"the tensors need {expected} data bytes but the file holds {dataLength} (truncated file?)"
                    : $"{dataLength - expected} bytes after the last tensor");
            return (entries, metadata, dataStart);
        }
    }

    private static Entry ParseEntry(string path, JsonProperty p)
    {
        var v = p.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out var dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out var shapeEl) || shapeEl.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out var offEl) || offEl.ValueKind != JsonValueKind.Array || offEl.GetArrayLength() != 2)
            throw Corrupt(path, $"tensor '{p.Name}' needs dtype, shape and data_offsets [begin, end]");
        if (!SafeTensorsDType.TryParse(dtypeEl.GetString()!, out var type, out var size))
            throw Corrupt(path, $"tensor '{p.Name}' has unsupported dtype '{dtypeEl.GetString()}'");
        var shape = new long[shapeEl.GetArrayLength()];
        var count = 1L;
        var i = 0;
        foreach (var d in shapeEl.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var n) || n < 0)
                throw Corrupt(path, $"tensor '{p.Name}' has a bad shape");
            shape[i++] = n;
            count = checked(count * n);
        }
        if (!offEl[0].TryGetInt64(out var begin) || !offEl[1].TryGetInt64(out var end) || begin < 0 || end < begin)
            throw Corrupt(path, $"tensor '{p.Name}' has bad data_offsets");
        if (end - begin != count * size)
            throw Corrupt(path, $"tensor '{p.Name}' has {end - begin} bytes but shape [{string.Join(", ", shape)}] of {dtypeEl.GetString()} needs {count * size}");
        return new Entry(p.Name, type, shape, begin, end);
    }

    private static TesseraError Corrupt(string path, string why) =>
        new($"checkpoint {path} is corrupt: {why}; delete it and train again, or restore a good copy");
}
