using Tessera.Media;
using Tessera.World.Datasets;
using Tessera.World.Evaluation;
using Tessera.World.Scenarios;
using Tessera.World.Scenes;

namespace Tessera.World.Tests.Evaluation;

/// <summary>
/// The evaluator on real videos: rendered, encoded by ffmpeg (FrameWriter), decoded back (FrameReader).
/// Ground truth must pass; each way a video can be wrong must be caught.
/// </summary>
public sealed class VideoEvaluatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-world-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, IEnumerable<byte[]> frames, int width = 64, int height = 64)
    {
        var path = Path.Combine(_dir, name + ".mp4");
        FrameWriter.WriteAll(path, new FrameWriteOptions(width, height, 8, Crf: 10), frames);
        return path;
    }

    private static List<byte[]> Frames(string prompt, long seed = 1) =>
        WorldScenes.RenderFrames(WorldScenes.FromPrompt(prompt, seed, new SceneFormat(64, 64, 16, 8)));

    [Fact]
    public void Ground_truth_scenes_score_full_adherence()
    {
        var request = new DatasetRequest(ScenarioKind.Free, new SceneFormat(64, 64, 16, 8), 20, Path.Combine(_dir, "ds"), Seed: 11);
        DatasetWriter.Write(request);
        var requests = FolderEvaluator.Discover(request.OutputDir);
        var reports = FolderEvaluator.EvaluateAll(requests);
        foreach (var r in reports)
            Assert.True(r.AdherenceOk == true, $"{r.Prompt}: {string.Join("; ", r.Notes)}");
        var summary = EvaluationSummary.Of(reports);
        Assert.Equal(1.0, summary.AdherencePass);
        // Scored from the truth alone (no prompt), the same scene passes too.
        var fromTruth = VideoEvaluator.Evaluate(requests[0] with { Prompt = null });
        Assert.True(fromTruth.AdherenceOk);
    }

    [Fact]
    public void The_wrong_colour_is_caught()
    {
        var video = Write("blue", Frames("a blue ball moves to the right"));
        var report = VideoEvaluator.Evaluate(new EvaluationRequest(video, "a red ball moves to the right"));
        Assert.False(report.ColorOk);
        Assert.False(report.AdherenceOk);
        Assert.True(VideoEvaluator.Evaluate(new EvaluationRequest(video, "一个蓝色的球向右滚动")).AdherenceOk);
    }

    [Fact]
    public void The_wrong_direction_is_caught()
    {
        var right = Frames("a red square slides to the right");
        var video = Write("left", Enumerable.Reverse(right));
        var report = VideoEvaluator.Evaluate(new EvaluationRequest(video, "a red square slides to the right"));
        Assert.True(report.ColorOk);
        Assert.True(report.ShapeOk);
        Assert.False(report.DirectionOk);
    }

    [Fact]
    public void A_frozen_clip_is_caught()
    {
        var moving = Frames("a green triangle moves up");
        var video = Write("frozen", Enumerable.Repeat(moving[0], moving.Count));
        var report = VideoEvaluator.Evaluate(new EvaluationRequest(video, "a green triangle moves up"));
        Assert.False(report.DirectionOk);
        Assert.Equal(1.0, report.Flicker, 3);
    }

    [Fact]
    public void Shuffled_frames_are_caught()
    {
        var moving = Frames("an orange ball moves to the left");
        var order = new[] { 9, 2, 14, 5, 0, 11, 7, 15, 3, 12, 1, 8, 13, 4, 10, 6 };
        var video = Write("shuffled", order.Select(i => moving[i]));
        var report = VideoEvaluator.Evaluate(new EvaluationRequest(video, "an orange ball moves to the left"));
        Assert.False(report.DirectionOk);
        var ordered = VideoEvaluator.Evaluate(new EvaluationRequest(Write("ordered", moving), "an orange ball moves to the left"));
        Assert.True(ordered.DirectionOk);
        Assert.True(report.Flicker < ordered.Flicker, "shuffled frames flicker more");
    }

    [Fact]
    public void A_missing_object_and_an_extra_one_fail_the_count()
    {
        var one = Write("one", Frames("a yellow ball falls"));
        Assert.False(VideoEvaluator.Evaluate(new EvaluationRequest(one, "a yellow ball and a blue square fall")).CountOk);
        Assert.True(VideoEvaluator.Evaluate(new EvaluationRequest(one, "a yellow ball falls")).CountOk);
    }

    [Fact]
    public void An_unparseable_prompt_names_the_unknown_words()
    {
        var video = Write("any", Frames("a red ball bounces"));
        var e = Assert.Throws<TesseraError>(() => VideoEvaluator.Evaluate(new EvaluationRequest(video, "a red zeppelin hovers")));
        Assert.Contains("'zeppelin'", e.Message);
        Assert.Contains("'hovers'", e.Message);
    }

    [Fact]
    public void First_and_last_frame_psnr_compare_against_given_images()
    {
        var frames = Frames("a purple ball moves down");
        var video = Write("psnr", frames);
        var first = Path.Combine(_dir, "first.png");
        new RgbImage(64, 64, frames[0]).SavePng(first);
        var report = VideoEvaluator.Evaluate(new EvaluationRequest(video, null, null, first, first));
        Assert.True(report.FirstFramePsnr > 35, $"first frame PSNR {report.FirstFramePsnr}");
        Assert.True(report.LastFramePsnr < report.FirstFramePsnr - 5, $"last frame PSNR {report.LastFramePsnr}");
    }

    [Theory]
    [InlineData(ScenarioKind.Uniform, 0.02)]
    [InlineData(ScenarioKind.Collision, 0.02)]
    [InlineData(ScenarioKind.Parabola, 0.03)]
    public void Ground_truth_velocity_error_is_below_the_papers_floor(ScenarioKind kind, double bound)
    {
        var request = new DatasetRequest(kind, SceneFormat.PhyWorld, 4, Path.Combine(_dir, kind.Name()), Seed: 3);
        DatasetWriter.Write(request);
        var reports = FolderEvaluator.EvaluateAll(FolderEvaluator.Discover(request.OutputDir));
        var errors = reports.Select(r => r.VelocityError).Where(v => v is not null).Select(v => v!.Value).ToList();
        Assert.NotEmpty(errors);
        Assert.True(errors.Average() <= bound, $"{kind}: mean velocity error {errors.Average():0.0000} > {bound}");
    }

    [Fact]
    public void A_wrong_speed_shows_in_the_velocity_error()
    {
        var sample = WorldScenes.Sample(ScenarioKind.Uniform, 4);
        var frames = WorldScenes.RenderFrames(sample);
        // Play the clip at half speed: frame i shows frame i/2 of the truth.
        var slow = Enumerable.Range(0, frames.Count).Select(i => frames[i / 2]).ToList();
        var report = VideoEvaluator.Evaluate("slow", slow, 128, 128, null, sample.Truth);
        var truthReport = VideoEvaluator.Evaluate("truth", frames, 128, 128, null, sample.Truth);
        Assert.True(report.VelocityError > 0.3, $"half-speed error {report.VelocityError}");
        Assert.True(report.VelocityErrorPerFrame > 0.3, $"half-speed per-frame error {report.VelocityErrorPerFrame}");
        Assert.True(truthReport.VelocityError < 0.02, $"truth error {truthReport.VelocityError}");
        Assert.InRange(report.Speed!.Value / report.SpeedTruth!.Value, 0.4, 0.6);
        Assert.InRange(truthReport.Speed!.Value / truthReport.SpeedTruth!.Value, 0.98, 1.02);
    }

    [Fact]
    public void The_speed_slope_tells_a_model_that_keeps_each_speed_from_one_that_slows_every_ball()
    {
        var truths = new List<EvaluationReport>();
        var halves = new List<EvaluationReport>();
        foreach (var seed in new[] { 4, 5, 6, 7, 8 })
        {
            var sample = WorldScenes.Sample(ScenarioKind.Uniform, seed);
            var frames = WorldScenes.RenderFrames(sample);
            truths.Add(VideoEvaluator.Evaluate("truth", frames, 128, 128, null, sample.Truth));
            halves.Add(VideoEvaluator.Evaluate("slow", Enumerable.Range(0, frames.Count).Select(i => frames[i / 2]).ToList(), 128, 128, null, sample.Truth));
        }
        Assert.InRange(EvaluationSummary.Of(truths).SpeedSlope!.Value, 0.97, 1.03);
        Assert.InRange(EvaluationSummary.Of(halves).SpeedSlope!.Value, 0.4, 0.6);
    }

    [Fact]
    public void A_ball_that_vanishes_is_a_large_velocity_error_not_a_still_ball()
    {
        var sample = WorldScenes.Sample(ScenarioKind.Uniform, 4);
        var frames = WorldScenes.RenderFrames(sample);
        // From frame 10 on the ball is gone (a white frame): the paper's parser puts it at the world's edge.
        var white = Enumerable.Repeat((byte)255, frames[0].Length).ToArray();
        var vanishing = frames.Select((f, i) => i >= 10 ? white : f).ToList();
        var report = VideoEvaluator.Evaluate("vanishing", vanishing, 128, 128, null, sample.Truth);
        Assert.True(report.VelocityError > 0.1, $"vanishing-ball error {report.VelocityError}");
    }
}
