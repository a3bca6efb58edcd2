using System.Collections.Concurrent;
using TorchSharp;

namespace Tessera.Engine;

/// <summary>
/// Numbers for tensor arithmetic as TorchSharp scalars that live as long as the process. A double used directly
/// (<c>x / 127.5</c>, <c>x.square()</c>) becomes a temporary Scalar whose finalizer frees its native value; the GC may
/// run that finalizer while libtorch is still reading it, once managed code holds no reference (TorchSharp pull
/// requests 1434 and 1496). Measured here: encoding latents under allocation pressure died twice within two minutes
/// ("Unknown scalar type" in pow_scalar). A scalar held in this static table is never finalized.
/// TorchSharp's one-argument <c>add(Scalar)</c> passes its alpha as a temporary <c>1</c> with the same hazard: a training
/// run died in add_scalar while encoding latents (session 17, "Expected false to be true" in Scalar::toFloat), so scalar
/// adds here pass a held alpha too: <c>x.add(HeldScalars.Of(c), HeldScalars.Of(1))</c>.
/// </summary>
public static class HeldScalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Table = new();

    public static Scalar Of(double value) => Table.GetOrAdd(value, v => v.ToScalar());
}
