using System.Globalization;
using SkiaSharp;

namespace Tessera.Engine.Training;

/// <summary>Draws loss.png: training loss per step on a log scale, held-out PSNR (dB) on the right axis.</summary>
public static class VaeLossPlot
{
    private const int Width = 800, Height = 420, Left = 70, Right = 70, Top = 40, Bottom = 50;

    public static void Write(string path, IReadOnlyList<VaeLossRow> rows, string title)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 13);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1 };
        canvas.DrawText(title, Left, 24, font, ink);
        var plot = new SKRect(Left, Top, Width - Right, Height - Bottom);
        canvas.DrawRect(plot, new SKPaint { Color = SKColors.Gray, Style = SKPaintStyle.Stroke });
        var losses = rows.Where(r => r.Loss > 0 && double.IsFinite(r.Loss)).ToList();
        if (losses.Count >= 1)
        {
            var maxStep = Math.Max(1, rows.Max(r => r.Step));
            var lo = Math.Floor(Math.Log10(losses.Min(r => r.Loss)));
            var hi = Math.Ceiling(Math.Log10(losses.Max(r => r.Loss)));
            if (hi <= lo) hi = lo + 1;
            float X(double step) => plot.Left + (float)(step / maxStep) * plot.Width;
            float Y(double loss) => plot.Bottom - (float)((Math.Log10(loss) - lo) / (hi - lo)) * plot.Height;
            for (var d = lo; d <= hi; d++)
            {
                var y = Y(Math.Pow(10, d));
                canvas.DrawLine(plot.Left, y, plot.Right, y, grid);
                canvas.DrawText($"1e{d:0}", 8, y + 4, font, ink);
            }
            for (var i = 0; i <= 4; i++)
            {
                var s = maxStep * i / 4;
                canvas.DrawText(s.ToString(CultureInfo.InvariantCulture), X(s) - 10, plot.Bottom + 18, font, ink);
            }
            canvas.DrawText("step", plot.MidX - 12, Height - 10, font, ink);
            using var line = new SKPaint { Color = new SKColor(31, 119, 180), StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
            using var pathLine = new SKPath();
            pathLine.MoveTo(X(losses[0].Step), Y(losses[0].Loss));
            foreach (var r in losses.Skip(1)) pathLine.LineTo(X(r.Step), Y(r.Loss));
            canvas.DrawPath(pathLine, line);
            canvas.DrawText("loss (log)", plot.Left + 6, plot.Top + 16, font, new SKPaint { Color = line.Color, IsAntialias = true });

            var scored = rows.Where(r => r.HeldOutPsnr is not null).ToList();
            if (scored.Count > 0)
            {
                double pLo = Math.Floor(scored.Min(r => r.HeldOutPsnr!.Value) / 5) * 5, pHi = Math.Ceiling(scored.Max(r => r.HeldOutPsnr!.Value) / 5) * 5;
                if (pHi <= pLo) pHi = pLo + 5;
                float Yp(double p) => plot.Bottom - (float)((p - pLo) / (pHi - pLo)) * plot.Height;
                using var dot = new SKPaint { Color = new SKColor(214, 39, 40), IsAntialias = true };
                foreach (var r in scored) canvas.DrawCircle(X(r.Step), Yp(r.HeldOutPsnr!.Value), 4, dot);
                for (var p = pLo; p <= pHi; p += 5)
                    canvas.DrawText($"{p:0} dB", plot.Right + 8, Yp(p) + 4, font, dot);
                canvas.DrawText("held-out PSNR", plot.Right - 110, plot.Top + 16, font, dot);
            }
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        Tessera.Media.AtomicFile.WriteAllBytes(path, png.AsSpan());
    }
}
