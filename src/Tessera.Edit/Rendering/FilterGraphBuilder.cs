using System.Globalization;
using System.Text;
using static Tessera.Edit.FilterText;

namespace Tessera.Edit;

/// <summary>The ffmpeg inputs and filter graph that render a plan in one process.</summary>
public sealed record FilterGraph(IReadOnlyList<string> InputArgs, string Script, string VideoLabel, string AudioLabel, int Width, int Height);

/// <summary>
/// Turns a render plan into one ffmpeg filter graph: per clip trim → speed → fps → exact frame count →
/// fit → Ken Burns; clips joined with xfade (or concat); overlays; drawtext; and the audio built in the
/// same graph, cut to exact sample counts per frame so it cannot drift from the video.
/// </summary>
public sealed class FilterGraphBuilder
{
    private const int Rate = RenderPlan.SampleRate;

    private readonly RenderPlan _plan;
    private readonly string _workDir;
    private readonly double _scale;
    private readonly List<string> _inputs = [];
    private readonly List<string> _statements = [];
    /// <summary>The input opened for a clip's pictures, reused for its sound (one demuxer per clip).</summary>
    private readonly Dictionary<PlannedClip, int> _clipInputs = new(ReferenceEqualityComparer.Instance);
    /// <summary>mono when every sound the mix uses is mono (nothing to spread over two channels), else stereo.</summary>
    private readonly string _layout;
    private readonly string _audioFormat;
    private int _inputCount;
    private int _labels;

    public int Width { get; }
    public int Height { get; }
    private double Fps => _plan.Timeline.Fps;
    private string Background => _plan.Timeline.Background;

    /// <param name="workDir">Where text files for drawtext are written.</param>
    public FilterGraphBuilder(RenderPlan plan, RenderOptions options, string workDir)
    {
        _plan = plan;
        _workDir = workDir;
        var t = plan.Timeline;
        _scale = options.Preview ? Math.Min(1.0, (double)RenderOptions.PreviewMaxSide / Math.Max(t.Width, t.Height)) : 1.0;
        Width = Even(t.Width * _scale);
        Height = Even(t.Height * _scale);
        _layout = MixIsMono(plan) ? "mono" : "stereo";
        _audioFormat = $"aformat=sample_fmts=fltp:sample_rates={Rate}:channel_layouts={_layout}";
    }

    /// <summary>The output's layout: mono only when every sound in the mix is mono; a mix with no sound is stereo silence.</summary>
    private static bool MixIsMono(RenderPlan plan)
    {
        var channels = plan.Audio.Select(a => a.Channels).ToList();
        if (plan.Timeline.Mix.ClipVolume != 0 && plan.Tracks.Count > 0)
            channels.AddRange(plan.Tracks[0].Where(c => c.HasAudio && c.Clip.Volume > 0).Select(c => c.AudioChannels));
        return channels.Count > 0 && channels.All(c => c == 1);
    }

    public FilterGraph Build()
    {
        var video = Video();
        var audio = Audio();
        return new FilterGraph(_inputs, string.Join(";\n", _statements) + "\n", video, audio, Width, Height);
    }

    // ---------------------------------------------------------------- video

    private string Video()
    {
        var total = _plan.TotalFrames;
        string label;
        var main = _plan.Tracks.Count > 0 ? _plan.Tracks[0] : [];
        if (main.Count == 0)
        {
            label = Next();
            Emit($"color=c={Value(Background)}:s={Width}x{Height}:r={Num(Fps)},trim=end_frame={total},format=yuv420p", label);
        }
        else
        {
            label = MainSequence(main);
            var mainEnd = main[^1].StartFrame + main[^1].Frames;
            if (mainEnd < total)
                label = Chain(label, $"tpad=stop_mode=add:stop={total - mainEnd}:color={Value(Background)}");
        }
        for (var t = 1; t < _plan.Tracks.Count; t++)
            foreach (var clip in _plan.Tracks[t])
                label = Overlay(label, clip);
        foreach (var (text, i) in _plan.Timeline.Texts.Select((x, i) => (x, i)))
            label = Chain(label, DrawText(text, i));
        return label;
    }

    private string MainSequence(IReadOnlyList<PlannedClip> clips)
    {
        var acc = MainClip(clips[0]);
        var accFrames = clips[0].Frames;
        for (var i = 1; i < clips.Count; i++)
        {
            var next = MainClip(clips[i]);
            var prev = clips[i - 1];
            var output = Next();
            if (prev.TransitionFrames > 0)
            {
                var offset = (accFrames - prev.TransitionFrames) / Fps;
                Emit($"[{acc}][{next}]xfade=transition={prev.Clip.Transition!.Kind}:duration={Num(prev.TransitionFrames / Fps)}:offset={Num(offset)}", output);
                accFrames += clips[i].Frames - prev.TransitionFrames;
            }
            else
            {
                // concat's output counts time in microseconds; xfade needs both inputs at 1/fps.
                Emit($"[{acc}][{next}]concat=n=2:v=1:a=0,settb=expr=1/{Num(Fps)}", output);
                accFrames += clips[i].Frames;
            }
            acc = output;
        }
        return acc;
    }

    /// <summary>A main-track clip: fitted into its box, then placed on a full frame if the box is smaller.</summary>
    private string MainClip(PlannedClip p)
    {
        var c = p.Clip;
        var (bw, bh) = Box(c);
        var label = ClipPicture(p, bw, bh, alpha: false);
        if (bw != Width || bh != Height)
        {
            var (x, y) = Place(c, bw, bh);
            label = Chain(label, $"pad={Width}:{Height}:{x}:{y}:color={Value(Background)}");
        }
        return label;
    }

    private string Overlay(string under, PlannedClip p)
    {
        var c = p.Clip;
        var (bw, bh) = Box(c);
        var label = ClipPicture(p, bw, bh, alpha: true);
        var start = p.StartFrame / Fps;
        var end = (p.StartFrame + p.Frames) / Fps;
        label = Chain(label, $"setpts=PTS-STARTPTS+{Num(start)}/TB");
        var (x, y) = Place(c, bw, bh);
        var output = Next();
        Emit($"[{under}][{label}]overlay=x={x}:y={y}:eof_action=pass:enable={Expr($"between(t,{Num(start)},{Num(end - 0.5 / Fps)})")}", output);
        return output;
    }

    /// <summary>One clip's pictures: exactly p.Frames frames at the output rate, fitted into bw×bh.</summary>
    private string ClipPicture(PlannedClip p, int bw, int bh, bool alpha)
    {
        var c = p.Clip;
        var n = p.Frames;
        var chain = new List<string>();
        string source;
        if (c.Source is ColorSource color)
        {
            source = Next();
            Emit($"color=c={Value(color.Color)}:s={bw}x{bh}:r={Num(Fps)},trim=end_frame={n},setsar=1", source);
            return Chain(source, alpha ? $"format=yuva420p{Opacity(c)}" : "format=yuv420p");
        }
        var file = p.MediaFile ?? throw new InvalidOperationException($"{c.JsonPath}: no media file planned");
        if (c.Source is ImageFileSource)
            source = $"{Input("-loop", "1", "-framerate", Num(Fps), "-t", Num(n / Fps + 1 / Fps), "-i", file)}:v";
        else
        {
            var args = new List<string>();
            if (p.SourceIn > 0) args.AddRange(["-ss", Num(p.SourceIn)]);
            // One frame of margin: the exact count is cut by trim below, never by the demuxer.
            args.AddRange(["-t", Num(p.SourceSeconds + 1 / Fps), "-i", file]);
            var index = Input([.. args]);
            _clipInputs[p] = index;
            source = $"{index}:v";
        }
        chain.Add(c.Speed == 1 ? "setpts=PTS-STARTPTS" : $"setpts=(PTS-STARTPTS)/{Num(c.Speed)}");
        chain.Add($"fps={Num(Fps)}");
        // A source a little short (rounding, a generated clip shorter than its slot) holds its last frame.
        var expected = p.SourceSeconds / c.Speed * Fps;
        var pad = Math.Max(2, (int)Math.Ceiling(n - expected) + 2);
        chain.Add($"tpad=stop_mode=clone:stop={pad}");
        chain.Add($"trim=end_frame={n}");
        var label = Chain(source, string.Join(",", chain));
        label = Fit(label, c.Fit, bw, bh);
        if (c.Motion is { } m) label = Chain(label, KenBurns(m, bw, bh, n));
        return Chain(label, alpha ? $"setsar=1,format=yuva420p{Opacity(c)}" : "setsar=1,format=yuv420p");
    }

    private string Fit(string label, FitMode fit, int bw, int bh)
    {
        switch (fit)
        {
            case FitMode.Cover:
                return Chain(label, $"scale={bw}:{bh}:force_original_aspect_ratio=increase:flags=bicubic,crop={bw}:{bh}");
            case FitMode.Contain:
                return Chain(label, $"scale={bw}:{bh}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic," +
                                    $"pad={bw}:{bh}:(ow-iw)/2:(oh-ih)/2:color={Value(Background)}");
            case FitMode.Stretch:
                return Chain(label, $"scale={bw}:{bh}:flags=bicubic");
            default:
            {
                // Blurred cover background at a quarter of the size (blurring is cheap there), fitted foreground on top.
                var (qw, qh) = (Even(bw / 4.0), Even(bh / 4.0));
                var (a, b, bg, fg, output) = (Next(), Next(), Next(), Next(), Next());
                Emit($"[{label}]split=2[{a}][{b}]", null);
                var radius = Math.Max(2, Math.Min(qw, qh) / 12);
                Emit($"[{a}]scale={qw}:{qh}:force_original_aspect_ratio=increase:flags=fast_bilinear,crop={qw}:{qh},boxblur={radius}:2,scale={bw}:{bh}:flags=fast_bilinear", bg);
                Emit($"[{b}]scale={bw}:{bh}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic", fg);
                Emit($"[{bg}][{fg}]overlay=(W-w)/2:(H-h)/2", output);
                return output;
            }
        }
    }

    private string KenBurns(KenBurns m, int bw, int bh, int frames)
    {
        var last = Math.Max(1, frames - 1);
        var p = $"(on/{last})";
        var zoom = $"{Num(m.ZoomFrom)}+{Num(m.ZoomTo - m.ZoomFrom)}*{p}";
        var cx = $"({Num(m.FromX)}+{Num(m.ToX - m.FromX)}*{p})";
        var cy = $"({Num(m.FromY)}+{Num(m.ToY - m.FromY)}*{p})";
        var x = $"max(0,min(iw-iw/zoom,{cx}*iw-iw/zoom/2))";
        var y = $"max(0,min(ih-ih/zoom,{cy}*ih-ih/zoom/2))";
        return $"zoompan=z={Expr(zoom)}:x={Expr(x)}:y={Expr(y)}:d=1:s={bw}x{bh}:fps={Num(Fps)}";
    }

    private string DrawText(TextItem t, int index)
    {
        var textFile = Path.Combine(_workDir, $"text-{index}.txt");
        File.WriteAllText(textFile, t.Text.Replace("\r\n", "\n"), new UTF8Encoding(false));
        var size = Math.Max(4, t.Size * _scale);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"drawtext=fontfile={Value(t.FontFile)}:textfile={Value(textFile)}:expansion=none");
        sb.Append(CultureInfo.InvariantCulture, $":fontsize={Num(size)}:fontcolor={Value(t.Color)}");
        sb.Append(CultureInfo.InvariantCulture, $":x=w*{Num(t.X)}-text_w/2:y=h*{Num(t.Y)}-text_h/2");
        if (t.Outline > 0) sb.Append(CultureInfo.InvariantCulture, $":borderw={Num(Math.Max(1, t.Outline * _scale))}:bordercolor={Value(t.OutlineColor)}");
        if (t.Box is { } box) sb.Append(CultureInfo.InvariantCulture, $":box=1:boxcolor={Value(box)}:boxborderw={(int)Math.Ceiling(size * 0.3)}");
        // Frame times are n/fps exactly; half a frame of slack keeps the comparison off the boundary.
        var half = 0.5 / Fps;
        sb.Append(CultureInfo.InvariantCulture, $":enable={Expr($"between(t,{Num(t.Start - half)},{Num(t.End - half)})")}");
        return sb.ToString();
    }

    private (int W, int H) Box(Clip c) =>
        c.Scale == 1 ? (Width, Height) : (Math.Max(2, Even(Width * c.Scale)), Math.Max(2, Even(Height * c.Scale)));

    private (int X, int Y) Place(Clip c, int bw, int bh)
    {
        var x = (int)Math.Round(c.X * Width - bw / 2.0);
        var y = (int)Math.Round(c.Y * Height - bh / 2.0);
        return (Math.Clamp(x, Math.Min(0, Width - bw), Math.Max(0, Width - bw)), Math.Clamp(y, Math.Min(0, Height - bh), Math.Max(0, Height - bh)));
    }

    private static string Opacity(Clip c) => c.Opacity < 1 ? $",colorchannelmixer=aa={Num(c.Opacity)}" : "";

    // ---------------------------------------------------------------- audio

    private string Audio()
    {
        var total = _plan.SampleAt(_plan.TotalFrames);
        var clipAudio = ClipAudio(total);
        var music = new List<string>();
        var voice = new List<string>();
        var effects = new List<string>();
        foreach (var a in _plan.Audio)
        {
            var label = TrackAudio(a, total);
            (a.Track.Role switch { AudioRole.Voice => voice, AudioRole.Effect => effects, _ => music }).Add(label);
        }
        var mix = new List<string>();
        if (clipAudio is not null) mix.Add(clipAudio);
        if (_plan.Timeline.Mix.Duck is { } duck && voice.Count > 0 && music.Count > 0)
        {
            var musicMix = Mix(music);
            var voiceMix = Mix(voice);
            var (sidechain, voiceOut, ducked) = (Next(), Next(), Next());
            Emit($"[{voiceMix}]asplit=2[{sidechain}][{voiceOut}]", null);
            Emit($"[{musicMix}][{sidechain}]sidechaincompress=threshold={Num(duck.Threshold)}:ratio={Num(duck.Ratio)}:attack={Num(duck.AttackMs)}:release={Num(duck.ReleaseMs)}", ducked);
            mix.Add(ducked);
            mix.Add(voiceOut);
        }
        else
        {
            mix.AddRange(music);
            mix.AddRange(voice);
        }
        mix.AddRange(effects);
        string output;
        if (mix.Count == 0)
        {
            output = Next();
            Emit($"anullsrc=r={Rate}:cl={_layout},atrim=end_sample={total},{_audioFormat}", output);
        }
        else output = Mix(mix);
        if (_plan.Timeline.Mix.Loudness is { } lufs)
            output = Chain(output, $"loudnorm=I={Num(lufs)}:TP=-1.5:LRA=11,aresample={Rate},{_audioFormat}");
        return Chain(output, $"apad=whole_len={total},atrim=end_sample={total}");
    }

    /// <summary>The main track's own audio, clip by clip, cut to the sample where each clip's frames end.</summary>
    private string? ClipAudio(long total)
    {
        var main = _plan.Tracks.Count > 0 ? _plan.Tracks[0] : [];
        var volume = _plan.Timeline.Mix.ClipVolume;
        if (main.Count == 0 || volume == 0 || !main.Any(c => c.HasAudio && c.Clip.Volume > 0)) return null;
        string? acc = null;
        long accSamples = 0;
        for (var i = 0; i < main.Count; i++)
        {
            var p = main[i];
            var samples = _plan.SampleAt(p.StartFrame + p.Frames) - _plan.SampleAt(p.StartFrame);
            var label = Next();
            if (p.HasAudio && p.Clip.Volume > 0 && p.MediaFile is not null)
            {
                if (!_clipInputs.TryGetValue(p, out var input))
                {
                    var args = new List<string>();
                    if (p.SourceIn > 0) args.AddRange(["-ss", Num(p.SourceIn)]);
                    args.AddRange(["-t", Num(p.SourceSeconds + 1 / Fps), "-i", p.MediaFile]);
                    input = Input([.. args]);
                }
                var filters = new List<string> { "asetpts=PTS-STARTPTS", $"aresample={Rate}", _audioFormat };
                filters.AddRange(Tempo(p.Clip.Speed));
                if (p.Clip.Volume * volume != 1) filters.Add($"volume={Num(p.Clip.Volume * volume)}");
                filters.Add($"apad=whole_len={samples}");
                filters.Add($"atrim=end_sample={samples}");
                Emit($"[{input}:a]{string.Join(",", filters)}", label);
            }
            else Emit($"anullsrc=r={Rate}:cl={_layout},atrim=end_sample={samples},{_audioFormat}", label);
            if (acc is null) { acc = label; accSamples = samples; continue; }
            var output = Next();
            var prev = main[i - 1];
            if (prev.TransitionFrames > 0)
            {
                var overlap = _plan.SampleAt(p.StartFrame + prev.TransitionFrames) - _plan.SampleAt(p.StartFrame);
                Emit($"[{acc}][{label}]acrossfade=ns={overlap}:c1=tri:c2=tri", output);
            }
            else Emit($"[{acc}][{label}]concat=n=2:v=0:a=1,asettb=1/{Rate}", output);
            acc = output;
        }
        return Chain(acc!, $"apad=whole_len={total},atrim=end_sample={total}");
    }

    private string TrackAudio(PlannedAudio a, long total)
    {
        var t = a.Track;
        var args = new List<string>();
        if (t.Loop) args.AddRange(["-stream_loop", "-1"]);
        if (t.In > 0) args.AddRange(["-ss", Num(t.In)]);
        args.AddRange(["-t", Num(a.SourceSeconds + 0.05), "-i", t.File]);
        var input = Input([.. args]);
        var filters = new List<string> { "asetpts=PTS-STARTPTS", $"aresample={Rate}", _audioFormat, $"apad=whole_len={a.Samples}", $"atrim=end_sample={a.Samples}" };
        if (t.Volume != 1) filters.Add($"volume={Num(t.Volume)}");
        if (t.FadeIn > 0) filters.Add($"afade=t=in:ns={(long)(t.FadeIn * Rate)}");
        if (t.FadeOut > 0) filters.Add($"afade=t=out:ss={a.Samples - (long)(t.FadeOut * Rate)}:ns={(long)(t.FadeOut * Rate)}");
        if (a.StartSample > 0) filters.Add($"adelay=delays={a.StartSample}S:all=1");
        filters.Add($"apad=whole_len={total}");
        filters.Add($"atrim=end_sample={total}");
        var label = Next();
        Emit($"[{input}:a]{string.Join(",", filters)}", label);
        return label;
    }

    private string Mix(List<string> labels)
    {
        if (labels.Count == 1) return labels[0];
        var output = Next();
        Emit($"{string.Concat(labels.Select(l => $"[{l}]"))}amix=inputs={labels.Count}:duration=longest:normalize=0", output);
        return output;
    }

    /// <summary>atempo takes 0.5…100 per instance: chain halves for slower speeds.</summary>
    private static IEnumerable<string> Tempo(double speed)
    {
        if (speed == 1) yield break;
        while (speed < 0.5)
        {
            yield return "atempo=0.5";
            speed /= 0.5;
        }
        yield return $"atempo={Num(speed)}";
    }

    // ---------------------------------------------------------------- plumbing

    private int Input(params string[] args)
    {
        _inputs.AddRange(args);
        return _inputCount++;
    }

    private string Next() => $"s{_labels++}";

    /// <summary>Appends "[input]filters[output]" and returns the output label.</summary>
    private string Chain(string input, string filters)
    {
        var output = Next();
        _statements.Add($"[{input}]{filters}[{output}]");
        return output;
    }

    /// <summary>Appends a statement (its input labels written in <paramref name="body"/>) ending in [output].</summary>
    private void Emit(string body, string? output) =>
        _statements.Add(output is null ? body : $"{body}[{output}]");

    private static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
}
