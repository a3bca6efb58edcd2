using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Patches;

/// <summary>
/// Fixed 3D sin-cos position embeddings: a third of the width each for time, row and column, each a
/// 1D sin-cos of the token's index on that axis. Fixed positions work for any grid size with no
/// training; measured here, learned ones gave scattered blocks and random motion on short runs.
/// </summary>
public static class SpacetimePositions
{
    /// <summary>(N, width) for a (T, H, W) token grid in time-major raster order; f32.</summary>
    public static Tensor SinCos3D(int width, (int T, int H, int W) grid)
    {
        var axis = width / 3 / 2 * 2;                  // even share per axis; any remainder stays zero
        using var scope = torch.NewDisposeScope();
        var t = torch.arange(grid.T, dtype: ScalarType.Float32);
        var h = torch.arange(grid.H, dtype: ScalarType.Float32);
        var w = torch.arange(grid.W, dtype: ScalarType.Float32);
        var mesh = torch.meshgrid([t, h, w], indexing: "ij");      // 3 × (T, H, W)
        var parts = new List<Tensor>();
        foreach (var coord in mesh) parts.Add(SinCos1D(axis, coord.reshape(-1)));
        var rest = width - 3 * axis;
        if (rest > 0) parts.Add(torch.zeros(parts[0].shape[0], rest));
        return torch.cat(parts, dim: 1).MoveToOuterDisposeScope();  // (N, width)
    }

    /// <summary>(N, dim): [sin(p·ω), cos(p·ω)] with ω = 10000^(−i/(dim/2)).</summary>
    public static Tensor SinCos1D(int dim, Tensor positions)
    {
        var half = dim / 2;
        var omega = torch.pow(10000.0, -torch.arange(half, dtype: ScalarType.Float32, device: positions.device) / half);   // (dim/2)
        var angles = positions.unsqueeze(1) * omega.unsqueeze(0);                              // (N, dim/2)
        return torch.cat([torch.sin(angles), torch.cos(angles)], dim: 1);
    }
}
