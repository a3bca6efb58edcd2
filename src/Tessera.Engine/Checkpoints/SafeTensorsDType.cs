using static TorchSharp.torch;

namespace Tessera.Engine.Checkpoints;

/// <summary>The safetensors dtype names we read and write, and their torch types and sizes.</summary>
internal static class SafeTensorsDType
{
    private static readonly (string Name, ScalarType Type, int Size)[] Table =
    [
        ("F32", ScalarType.Float32, 4),
        ("BF16", ScalarType.BFloat16, 2),
        ("F16", ScalarType.Float16, 2),
        ("F64", ScalarType.Float64, 8),
        ("I64", ScalarType.Int64, 8),
        ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2),
        ("I8", ScalarType.Int8, 1),
        ("U8", ScalarType.Byte, 1),
        ("BOOL", ScalarType.Bool, 1),
    ];

    public static string NameOf(ScalarType type)
    {
        foreach (var (name, t, _) in Table)
            if (t == type) return name;
        throw new ArgumentException($"dtype {type} cannot be stored in a safetensors file");
    }

    public static bool TryParse(string name, out ScalarType type, out int size)
    {
        foreach (var (n, t, s) in Table)
        {
            if (n != name) continue;
            (type, size) = (t, s);
            return true;
        }
        (type, size) = (default, 0);
        return false;
    }
}
