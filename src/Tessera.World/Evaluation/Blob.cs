namespace Tessera.World.Evaluation;

/// <summary>A connected region of one colour in one frame (pixel coordinates, y down).</summary>
/// <param name="Color">Index into Palette.ObjectColors.</param>
/// <param name="Area">Pixels in the region.</param>
/// <param name="X">Centroid x (pixel centres at i + 0.5).</param>
/// <param name="Y">Centroid y.</param>
/// <param name="Fill">Area over bounding-box area: ≈0.79 disc, ≈1 square, ≈0.5 triangle.</param>
/// <param name="Spread">Farthest pixel from the centroid over the radius of a disc of equal area: ≈1 disc, ≈1.25 square, ≈1.6 triangle.</param>
/// <param name="TouchesBorder">The region reaches the frame's edge (shape and size are then unreliable).</param>
public sealed record Blob(int Color, int Area, double X, double Y, int MinX, int MinY, int MaxX, int MaxY, double Fill, double Spread, bool TouchesBorder);
