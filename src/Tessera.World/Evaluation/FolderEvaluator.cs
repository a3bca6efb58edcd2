using System.Text.Json;
using Tessera.Media;
using Tessera.World.Datasets;

namespace Tessera.World.Evaluation;

/// <summary>Means and pass rates over many evaluated videos; rates count only the videos a check applied to.</summary>
/// <param name="SpeedSlope">PhyWorld: the least-squares slope of the videos' speed on their true speed. 1 when a model keeps
/// each ball's speed; towards 0 when it gives every ball one typical speed (null below 2 scored videos).</param>
public sealed record EvaluationSummary(
    int Videos,
    double? ColorPass, double? ShapePass, double? DirectionPass, double? CountPass, double? AdherencePass,
    double? MeanVelocityError, double? MeanVelocityErrorPerFrame, double MeanFlicker, double? MeanFirstFramePsnr, double? MeanLastFramePsnr,
    double? SpeedSlope)
{
    public static EvaluationSummary Of(IReadOnlyList<EvaluationReport> reports)
    {
        static double? Rate(IEnumerable<bool?> values)
        {
            var v = values.Where(x => x is not null).ToList();
            return v.Count == 0 ? null : v.Count(x => x == true) / (double)v.Count;
        }
        static double? Mean(IEnumerable<double?> values)
        {
            var v = values.Where(x => x is not null).Select(x => x!.Value).ToList();
            return v.Count == 0 ? null : v.Average();
        }
        return new EvaluationSummary(reports.Count,
            Rate(reports.Select(r => r.ColorOk)), Rate(reports.Select(r => r.ShapeOk)), Rate(reports.Select(r => r.DirectionOk)),
            Rate(reports.Select(r => r.CountOk)), Rate(reports.Select(r => r.AdherenceOk)),
            Mean(reports.Select(r => r.VelocityError)), Mean(reports.Select(r => r.VelocityErrorPerFrame)), reports.Count == 0 ? 0 : reports.Average(r => r.Flicker),
            Mean(reports.Select(r => r.FirstFramePsnr)), Mean(reports.Select(r => r.LastFramePsnr)),
            Slope(reports.Where(r => r.Speed is not null && r.SpeedTruth is not null).Select(r => (r.SpeedTruth!.Value, r.Speed!.Value)).ToList()));
    }

    /// <summary>Least-squares slope of y on x; null when x does not vary.</summary>
    private static double? Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2) return null;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        return sxx < 1e-12 ? null : points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
    }
}

/// <summary>
/// Finds what to score in a folder: a world data set (dataset.json: each sample with its caption and truth), or
/// loose videos, each with an optional same-named .txt (the prompt) and .json (Tessera ground truth).
/// </summary>
public static class FolderEvaluator
{
    public static List<EvaluationRequest> Discover(string dir)
    {
        if (!Directory.Exists(dir)) throw new TesseraError($"--dir {dir}: folder not found");
        var requests = new List<EvaluationRequest>();
        if (DatasetManifest.TryRead(dir) is not null)
        {
            foreach (var (e, shard) in DatasetIndex.Read(dir))
                requests.Add(new EvaluationRequest(Path.Combine(shard, e.Video), e.CaptionEn, Path.Combine(shard, e.Truth)));
            return requests;
        }
        foreach (var video in Directory.EnumerateFiles(dir, "*.mp4", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stem = Path.Combine(Path.GetDirectoryName(video)!, Path.GetFileNameWithoutExtension(video));
            var prompt = File.Exists(stem + ".txt") ? File.ReadAllText(stem + ".txt").Trim() : null;
            var truth = File.Exists(stem + ".json") && File.ReadAllText(stem + ".json").Contains(Truth.GroundTruth.FormatName) ? stem + ".json" : null;
            requests.Add(new EvaluationRequest(video, prompt, truth));
        }
        if (requests.Count == 0) throw new TesseraError($"--dir {dir}: no .mp4 videos and no dataset.json found");
        return requests;
    }

    /// <summary>Scores every request (in parallel, results in input order).</summary>
    public static List<EvaluationReport> EvaluateAll(IReadOnlyList<EvaluationRequest> requests, IProgress<ProgressUpdate>? progress = null)
    {
        var reports = new EvaluationReport[requests.Count];
        var done = 0;
        Parallel.For(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
        {
            reports[i] = VideoEvaluator.Evaluate(requests[i]);
            progress?.Report(new ProgressUpdate(Interlocked.Increment(ref done), requests.Count));
        });
        return reports.ToList();
    }
}
