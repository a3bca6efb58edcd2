using static TorchSharp.torch;

namespace Tessera.Engine.Dit;

/// <summary>
/// The dtype the big matmuls run in. There is no autocast in TorchSharp, so <see cref="MixedLinear"/>
/// casts its input and weight to this type by hand: bf16 runs about 4× the f32 matmul rate on CPUs with
/// native bf16 (and 70× slower on those without: <see cref="PrecisionChoice"/>), while master weights, norms, the residual stream and the loss stay in f32.
/// </summary>
public sealed class ComputePrecision
{
    public ScalarType Type { get; set; } = ScalarType.Float32;

    public bool IsReduced => Type != ScalarType.Float32;

    public static ScalarType Parse(string name) => name.ToLowerInvariant() switch
    {
        "f32" or "float32" or "fp32" => ScalarType.Float32,
        "bf16" or "bfloat16" => ScalarType.BFloat16,
        _ => throw new Tessera.Media.TesseraError($"--precision '{name}' is not a precision; use auto, f32 or bf16"),
    };

    /// <summary>The short name <see cref="Parse"/> reads back ("f32", "bf16"); other dtypes by their torch name.</summary>
    public static string Name(ScalarType type) => type switch
    {
        ScalarType.BFloat16 => "bf16",
        ScalarType.Float32 => "f32",
        _ => type.ToString(),
    };
}
