using SkiaSharp;
using Tessera.World.Scenes;
using Tessera.World.Truth;

namespace Tessera.World.Rendering;

/// <summary>
/// Draws a scene's frames with anti-aliasing (SkiaSharp) into packed RGB24 buffers, from the exact ground truth:
/// the pixels show precisely the positions the truth file records. One renderer per thread.
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    private readonly Scene _scene;
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _flat = new() { IsAntialias = false, Style = SKPaintStyle.Fill };
    private readonly SKPath _path = new();

    public SceneRenderer(Scene scene)
    {
        _scene = scene;
        _bitmap = new SKBitmap(new SKImageInfo(scene.Width, scene.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
    }

    public int FrameBytes => _scene.Width * _scene.Height * 3;

    /// <summary>Renders one frame into <paramref name="rgb"/> (Width × Height × 3 bytes).</summary>
    public void Render(TruthFrame frame, Span<byte> rgb)
    {
        var fraction = _scene.Frames > 1 ? (double)frame.Index / (_scene.Frames - 1) : 0;
        var view = ViewTransform.At(_scene, fraction);
        DrawBackground(view);
        for (var i = 0; i < frame.Objects.Count; i++)
        {
            var s = frame.Objects[i];
            var o = _scene.Objects[s.Id].Description;
            _fill.Color = new SKColor(o.Color.R, o.Color.G, o.Color.B);
            DrawShape(o.Shape, (float)s.ScreenX, (float)s.ScreenY, (float)s.ScreenRadius);
        }
        _canvas.Flush();
        CopyRgb(rgb);
    }

    /// <summary>Renders every frame of a clip.</summary>
    public IEnumerable<byte[]> RenderAll(GroundTruth truth)
    {
        foreach (var f in truth.FrameStates)
        {
            var buffer = new byte[FrameBytes];
            Render(f, buffer);
            yield return buffer;
        }
    }

    private void DrawShape(ShapeKind shape, float x, float y, float r)
    {
        switch (shape)
        {
            case ShapeKind.Ball:
                _canvas.DrawCircle(x, y, r, _fill);
                break;
            case ShapeKind.Square:
                _canvas.DrawRect(x - r, y - r, 2 * r, 2 * r, _fill);
                break;
            default:
                _path.Reset();
                _path.MoveTo(x, y - r);
                _path.LineTo(x + r, y + r);
                _path.LineTo(x - r, y + r);
                _path.Close();
                _canvas.DrawPath(_path, _fill);
                break;
        }
    }

    private void DrawBackground(ViewTransform view)
    {
        var bg = _scene.Description.Background;
        var tone = bg.Tone;
        switch (bg.Kind)
        {
            case BackgroundKind.Plain:
                _canvas.Clear(new SKColor(tone.R, tone.G, tone.B));
                break;
            case BackgroundKind.Gradient:
            {
                // Vertical neutral gradient fixed to the world, so a pan or zoom visibly moves it.
                var (top, bottom) = GradientTones(tone.R);
                var (_, yTop) = view.ToScreen(new Physics.Vec2(0, _scene.WorldHeight));
                var (_, yBottom) = view.ToScreen(new Physics.Vec2(0, 0));
                using var shader = SKShader.CreateLinearGradient(new SKPoint(0, (float)yTop), new SKPoint(0, (float)yBottom),
                    [Grey(top), Grey(bottom)], SKShaderTileMode.Clamp);
                _flat.Shader = shader;
                _canvas.DrawRect(0, 0, _scene.Width, _scene.Height, _flat);
                _flat.Shader = null;
                break;
            }
            default:
                DrawTiles(view, tone.R);
                break;
        }
    }

    /// <summary>A neutral checkerboard with per-tile jitter (fixed per seed) drawn in world coordinates.</summary>
    private void DrawTiles(ViewTransform view, byte baseTone)
    {
        const double tile = 1.25;
        var (a, b) = TileTones(baseTone);
        _canvas.Clear(Grey(a));
        var topLeft = view.ToWorld(0, 0);
        var bottomRight = view.ToWorld(_scene.Width, _scene.Height);
        var x0 = (int)Math.Floor(topLeft.X / tile) - 1;
        var x1 = (int)Math.Ceiling(bottomRight.X / tile) + 1;
        var y0 = (int)Math.Floor(bottomRight.Y / tile) - 1;
        var y1 = (int)Math.Ceiling(topLeft.Y / tile) + 1;
        for (var ix = x0; ix <= x1; ix++)
        for (var iy = y0; iy <= y1; iy++)
        {
            var jitter = (int)(TileHash(ix, iy, _scene.Seed) % 25) - 12;
            var toneValue = ((ix + iy) & 1) == 0 ? a : b;
            _flat.Color = Grey((byte)Math.Clamp(toneValue + jitter, 0, 255));
            var (sx, sy) = view.ToScreen(new Physics.Vec2(ix * tile, (iy + 1) * tile));
            var size = (float)(tile * view.Scale);
            _canvas.DrawRect((float)sx, (float)sy, size, size, _flat);
        }
    }

    private static (byte Top, byte Bottom) GradientTones(byte tone) => tone switch
    {
        > 200 => (255, 165),
        < 60 => (95, 10),
        _ => (200, 70),
    };

    private static (byte A, byte B) TileTones(byte tone) => tone switch
    {
        > 200 => (235, 190),
        < 60 => (25, 70),
        _ => (150, 105),
    };

    private static ulong TileHash(int x, int y, long seed)
    {
        var h = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)x * 0xBF58476D1CE4E5B9UL ^ (ulong)(uint)y * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        h *= 0xD6E8FEB86659FD93UL;
        return h ^ (h >> 32);
    }

    private static SKColor Grey(byte v) => new(v, v, v);

    private void CopyRgb(Span<byte> rgb)
    {
        if (rgb.Length < FrameBytes) throw new ArgumentException($"buffer holds {rgb.Length} bytes, a frame needs {FrameBytes}");
        var rgba = _bitmap.GetPixelSpan();
        var n = _scene.Width * _scene.Height;
        for (int i = 0, j = 0; i < n; i++, j += 4)
        {
            // Every pixel is opaque (the background covers the frame), so premultiplied equals straight RGB.
            rgb[i * 3] = rgba[j];
            rgb[i * 3 + 1] = rgba[j + 1];
            rgb[i * 3 + 2] = rgba[j + 2];
        }
    }

    public void Dispose()
    {
        _path.Dispose();
        _fill.Dispose();
        _flat.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}
