using Tessera.World.Scenes;

namespace Tessera.World.Captions;

/// <summary>Captions of one scene: a main English and Chinese one, and several phrasings of both mixed.</summary>
public sealed record SceneCaptions(string English, string Chinese, IReadOnlyList<string> All);

/// <summary>
/// Writes captions the way people type prompts: articles or none, synonyms, word orders, "-ing" fragments,
/// background and camera phrases before or after, in English and Chinese. Every caption states what the
/// evaluator can check (colour, shape, direction, count) and parses back to its scene with
/// <see cref="PromptParser"/>; a test holds the two to that.
/// </summary>
public static class CaptionWriter
{
    public static SceneCaptions Write(SceneDescription scene, WorldRandom rng, int phrasings = 6)
    {
        var english = English(scene, rng);
        var chinese = Chinese(scene, rng);
        var all = new List<string> { english, chinese };
        for (var attempt = 0; attempt < phrasings * 6 && all.Count < 2 * phrasings; attempt++)
        {
            var candidate = attempt % 2 == 0 ? English(scene, rng) : Chinese(scene, rng);
            if (!all.Contains(candidate)) all.Add(candidate);
        }
        return new SceneCaptions(english, chinese, all);
    }

    // ---------------------------------------------------------------- English

    public static string English(SceneDescription scene, WorldRandom rng)
    {
        var objects = scene.Objects;
        string body;
        var gerund = rng.Chance(0.3);
        if (objects.Count == 2 && objects[0].Motion == MotionKind.Collide)
        {
            body = $"{NounPhrase(objects[0], rng)} and {NounPhrase(objects[1], rng)} " +
                   rng.Pick(new[] { "collide", "collide", "crash into each other", "bump into each other", "move toward each other and collide" });
        }
        else if (objects.Count == 2 && SameMotion(objects[0], objects[1]) && rng.Chance(0.5))
        {
            body = $"{NounPhrase(objects[0], rng)} and {NounPhrase(objects[1], rng)} {VerbPhrase(objects[0], rng, VerbForm.Plural)}";
        }
        else
        {
            var clauses = objects.Select(o => $"{NounPhrase(o, rng, gerund)} {VerbPhrase(o, rng, gerund ? VerbForm.Gerund : VerbForm.Finite)}").ToList();
            var joiner = rng.Pick(new[] { " and ", ", ", " while " });
            body = string.Join(joiner, clauses);
        }

        var background = rng.Chance(0.6) ? BackgroundPhrase(scene.Background, rng) : null;
        var camera = scene.Camera == CameraMotion.None ? null : CameraPhrase(scene.Camera, rng);
        var text = body;
        if (background is not null)
            text = rng.Chance(0.75) ? $"{text} {rng.Pick(new[] { "on", "against", "on", "over" })} {background}" : $"{background}, {text}";
        if (camera is not null)
            text = rng.Chance(0.7) ? $"{text}{rng.Pick(new[] { ", ", " as ", " while ", " and " })}{camera}" : $"{camera}, {text}";
        return text;
    }

    private enum VerbForm { Finite, Gerund, Plural }

    private static bool SameMotion(ObjectDescription a, ObjectDescription b) =>
        a.Motion == b.Motion && a.Direction == b.Direction && a.Speed == b.Speed;

    private static string NounPhrase(ObjectDescription o, WorldRandom rng, bool fragment = false)
    {
        var words = new List<string>();
        if (o.Size == SizeClass.Small) words.Add(rng.Pick(new[] { "small", "little", "tiny" }));
        if (o.Size == SizeClass.Big) words.Add(rng.Pick(new[] { "big", "large" }));
        words.Add(ColorWord(o.Color, rng));
        words.Add(ShapeWord(o.Shape, rng));
        var phrase = string.Join(' ', words);
        var article = rng.NextDouble() switch
        {
            < 0.55 => fragment ? "" : "a",
            < 0.8 => "the",
            _ => "",
        };
        if (article == "a" && "aeiou".Contains(phrase[0])) article = "an";
        return article.Length == 0 ? phrase : $"{article} {phrase}";
    }

    private static string ColorWord(NamedColor c, WorldRandom rng) => c.Name switch
    {
        "purple" => rng.Pick(new[] { "purple", "purple", "violet" }),
        "cyan" => rng.Pick(new[] { "cyan", "cyan", "turquoise" }),
        _ => c.Name,
    };

    private static string ShapeWord(ShapeKind s, WorldRandom rng) => s switch
    {
        ShapeKind.Ball => rng.Pick(new[] { "ball", "ball", "ball", "circle", "sphere" }),
        ShapeKind.Square => rng.Pick(new[] { "square", "square", "box", "block", "cube" }),
        _ => "triangle",
    };

    private static string VerbPhrase(ObjectDescription o, WorldRandom rng, VerbForm form)
    {
        var phrase = o.Motion switch
        {
            MotionKind.Move => MovePhrase(o, rng, form),
            MotionKind.Fall => rng.Pick(form switch
            {
                VerbForm.Finite => new[] { "falls", "falls down", "drops", "falls to the ground", "drops to the floor", "is falling" },
                VerbForm.Gerund => new[] { "falling", "falling down", "dropping to the floor", "falling to the ground" },
                _ => new[] { "fall", "drop", "fall down", "fall to the ground" },
            }),
            MotionKind.Collide => form == VerbForm.Plural ? "collide" : "collides",
            MotionKind.Bounce => rng.Pick(form switch
            {
                VerbForm.Finite => new[] { "bounces", "bounces on the floor", "is bouncing", "bounces up and down" },
                VerbForm.Gerund => new[] { "bouncing", "bouncing on the floor", "bouncing up and down" },
                _ => new[] { "bounce", "bounce on the floor", "bounce up and down" },
            }),
            _ => rng.Pick(form switch
            {
                VerbForm.Finite => new[] { "stays still", "sits still", "is not moving", "stands still", "remains stationary", "does not move" },
                VerbForm.Gerund => new[] { "sitting still", "standing still", "not moving", "staying still" },
                _ => new[] { "stay still", "sit still", "are not moving", "remain stationary" },
            }),
        };
        return phrase;
    }

    private static string MovePhrase(ObjectDescription o, WorldRandom rng, VerbForm form)
    {
        var d = o.Direction!.Value;
        var dir = d.Name();
        var horizontal = d.IsHorizontal();
        var toThe = horizontal && rng.Chance(0.5) ? $"to the {dir}" : dir;
        var options = new List<string>();
        string V(string finite, string gerund, string plural) => form switch
        {
            VerbForm.Finite => finite,
            VerbForm.Gerund => gerund,
            _ => plural,
        };
        options.Add($"{V("moves", "moving", "move")} {toThe}");
        options.Add($"{V("goes", "going", "go")} {dir}");
        options.Add($"{V("travels", "traveling", "travel")} {toThe}");
        options.Add($"{V("heads", "heading", "head")} {toThe}");
        if (horizontal && o.Shape == ShapeKind.Ball) options.Add($"{V("rolls", "rolling", "roll")} {toThe}");
        if (horizontal && o.Shape != ShapeKind.Ball) options.Add($"{V("slides", "sliding", "slide")} {toThe}");
        if (d == Direction.Up) { options.Add(V("rises", "rising", "rise")); options.Add($"{V("floats", "floating", "float")} up"); }
        if (d == Direction.Down) { options.Add(V("sinks", "sinking", "sink")); options.Add($"{V("drifts", "drifting", "drift")} down"); }
        var phrase = rng.Pick(options);
        var adverb = o.Speed switch
        {
            SpeedClass.Slow => rng.Pick(new[] { "slowly", "slowly", "gently" }),
            SpeedClass.Fast => rng.Pick(new[] { "quickly", "fast", "rapidly" }),
            _ => null,
        };
        if (adverb is null) return phrase;
        return rng.Chance(0.5) && adverb != "fast" ? $"{adverb} {phrase}" : $"{phrase} {adverb}";
    }

    private static string BackgroundPhrase(Background b, WorldRandom rng)
    {
        var noun = rng.Chance(0.85) ? "background" : "backdrop";
        return b.Kind switch
        {
            BackgroundKind.Plain => $"{(rng.Chance(0.7) ? "a " : "")}{(b.Tone == Palette.Grey ? rng.Pick(new[] { "grey", "gray" }) : b.Tone.Name)} {noun}",
            BackgroundKind.Gradient => $"{(rng.Chance(0.7) ? "a " : "")}gradient {noun}",
            _ => $"{(rng.Chance(0.7) ? "a " : "")}{rng.Pick(new[] { "textured", "textured", "checkered", "tiled" })} {noun}",
        };
    }

    private static string CameraPhrase(CameraMotion c, WorldRandom rng)
    {
        var subject = rng.Pick(new[] { "the camera", "the camera", "camera" });
        return c switch
        {
            CameraMotion.ZoomIn => rng.Pick(new[] { $"{subject} zooms in", $"{subject} zooming in", "zoom in" }),
            CameraMotion.ZoomOut => rng.Pick(new[] { $"{subject} zooms out", $"{subject} zooming out", "zoom out" }),
            _ => Pan(c, subject, rng),
        };

        static string Pan(CameraMotion c, string subject, WorldRandom rng)
        {
            var dir = c switch
            {
                CameraMotion.PanLeft => "left",
                CameraMotion.PanRight => "right",
                CameraMotion.PanUp => "up",
                _ => "down",
            };
            var toThe = dir is "left" or "right" && rng.Chance(0.4) ? $"to the {dir}" : dir;
            return rng.Pick(new[] { $"{subject} pans {toThe}", $"{subject} panning {dir}", $"{subject} moves {toThe}", $"pan {dir}" });
        }
    }

    // ---------------------------------------------------------------- Chinese

    public static string Chinese(SceneDescription scene, WorldRandom rng)
    {
        var objects = scene.Objects;
        string body;
        if (objects.Count == 2 && objects[0].Motion == MotionKind.Collide)
            body = $"{ChineseNoun(objects[0], rng)}{rng.Pick(new[] { "和", "与", "和" })}{ChineseNoun(objects[1], rng)}{rng.Pick(new[] { "相撞", "碰撞", "撞在一起", "相向运动并相撞" })}";
        else if (objects.Count == 2 && SameMotion(objects[0], objects[1]) && rng.Chance(0.5))
            body = $"{ChineseNoun(objects[0], rng)}和{ChineseNoun(objects[1], rng)}都{ChineseVerb(objects[0], rng)}";
        else
        {
            var clauses = objects.Select(o => ChineseNoun(o, rng) + ChineseVerb(o, rng)).ToList();
            body = clauses.Count == 1 ? clauses[0] : clauses[0] + rng.Pick(new[] { "，", "，同时", "，而" }) + clauses[1];
        }
        var text = body;
        if (rng.Chance(0.6))
        {
            var bg = ChineseBackground(scene.Background, rng);
            text = rng.Next(3) switch
            {
                0 => $"在{bg}背景上，{text}",
                1 => $"{text}，背景是{bg}",
                _ => $"{text}，{bg}背景",
            };
        }
        if (scene.Camera != CameraMotion.None) text += "，" + ChineseCamera(scene.Camera, rng);
        return text;
    }

    private static string ChineseNoun(ObjectDescription o, WorldRandom rng)
    {
        var size = o.Size switch { SizeClass.Small => "小", SizeClass.Big => "大", _ => "" };
        var shape = o.Shape switch
        {
            ShapeKind.Ball => rng.Pick(new[] { "球", "球", "圆球", "圆形" }),
            ShapeKind.Square => rng.Pick(new[] { "方块", "方块", "正方形", "方形" }),
            _ => rng.Pick(new[] { "三角形", "三角形", "三角" }),
        };
        var full = o.Color.Chinese;      // 红色
        var shortColor = full[..1];      // 红
        if (o.Color == Palette.Pink && rng.Chance(0.5)) (full, shortColor) = ("粉红色", "粉红");
        return rng.Next(4) switch
        {
            0 => $"一个{size}{full}的{shape}",
            1 => $"{size}{full}{shape}",
            2 => $"{(rng.Chance(0.5) ? "一个" : "")}{size}{shortColor}{shape}",
            _ => $"一个{full}的{size}{shape}",
        };
    }

    private static string ChineseVerb(ObjectDescription o, WorldRandom rng)
    {
        switch (o.Motion)
        {
            case MotionKind.Move:
            {
                var d = o.Direction!.Value;
                var dirChar = d switch { Direction.Right => "右", Direction.Left => "左", Direction.Up => "上", _ => "下" };
                var prefix = rng.Pick(new[] { "向", "向", "往", "朝" });
                var verbs = new List<string> { "移动", "移动", "运动" };
                if (d.IsHorizontal()) verbs.Add(o.Shape == ShapeKind.Ball ? "滚动" : "滑动");
                if (d == Direction.Up) verbs.Add("飘");
                if (d == Direction.Down) verbs.Add("走");
                var phrase = $"{prefix}{dirChar}{rng.Pick(verbs)}";
                if (d.IsHorizontal() && rng.Chance(0.15)) phrase = $"{dirChar}移";
                if (d == Direction.Up && rng.Chance(0.15)) phrase = "上升";
                if (d == Direction.Down && rng.Chance(0.15)) phrase = "下降";
                var adverb = o.Speed switch
                {
                    SpeedClass.Slow => rng.Pick(new[] { "慢慢地", "缓慢地", "慢慢" }),
                    SpeedClass.Fast => rng.Pick(new[] { "快速地", "飞快地", "迅速" }),
                    _ => "",
                };
                return adverb + phrase;
            }
            case MotionKind.Fall:
                return rng.Pick(new[] { "落下", "掉落", "下落", "从上面掉下来", "落到地上", "往下掉" });
            case MotionKind.Collide:
                return "相撞";
            case MotionKind.Bounce:
                return rng.Pick(new[] { "弹跳", "在地上弹跳", "上下弹跳", "不停地弹跳", "弹起来" });
            default:
                return rng.Pick(new[] { "静止不动", "保持静止", "一动不动", "静止" });
        }
    }

    private static string ChineseBackground(Background b, WorldRandom rng) => b.Kind switch
    {
        BackgroundKind.Plain => b.Tone.Chinese,
        BackgroundKind.Gradient => "渐变",
        _ => rng.Pick(new[] { "纹理", "格子", "棋盘格" }),
    };

    private static string ChineseCamera(CameraMotion c, WorldRandom rng)
    {
        var subject = rng.Pick(new[] { "镜头", "镜头", "相机" });
        return c switch
        {
            CameraMotion.ZoomIn => subject + rng.Pick(new[] { "推近", "拉近", "放大" }),
            CameraMotion.ZoomOut => subject + rng.Pick(new[] { "拉远", "缩小", "推远" }),
            CameraMotion.PanLeft => subject + rng.Pick(new[] { "向左平移", "左移", "向左移动" }),
            CameraMotion.PanRight => subject + rng.Pick(new[] { "向右平移", "右移", "向右移动" }),
            CameraMotion.PanUp => subject + rng.Pick(new[] { "向上平移", "上移", "向上移动" }),
            _ => subject + rng.Pick(new[] { "向下平移", "下移", "向下移动" }),
        };
    }
}
