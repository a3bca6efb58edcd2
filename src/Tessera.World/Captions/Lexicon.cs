using Tessera.World.Scenes;

namespace Tessera.World.Captions;

/// <summary>A word (or Chinese string) and what it means; <see cref="Group"/> is the heading docs list it under.</summary>
public sealed record LexiconEntry(string Surface, string Group, IReadOnlyList<Concept> Concepts);

/// <summary>
/// The world's whole vocabulary, English and Chinese. Captions are written from it and prompts are parsed with
/// it, so what the shipped model was trained on is exactly what the parser accepts. Kept deliberately small:
/// a tiny model must learn every word. docs/WORLD.md lists it (`tessera world vocabulary` prints it).
/// </summary>
public static class Lexicon
{
    public static readonly IReadOnlyList<LexiconEntry> English = BuildEnglish();
    public static readonly IReadOnlyList<LexiconEntry> Chinese = BuildChinese();

    private static readonly Dictionary<string, LexiconEntry> EnglishIndex = English.ToDictionary(e => e.Surface);
    private static readonly Dictionary<string, LexiconEntry> ChineseIndex = Chinese.ToDictionary(e => e.Surface);

    /// <summary>Longest Chinese entry, for greedy longest-match segmentation (Chinese has no spaces).</summary>
    public static readonly int LongestChinese = Chinese.Max(e => e.Surface.Length);

    public static LexiconEntry? LookupEnglish(string word) => EnglishIndex.GetValueOrDefault(word);
    public static LexiconEntry? LookupChinese(string text) => ChineseIndex.GetValueOrDefault(text);

    private static List<LexiconEntry> BuildEnglish()
    {
        var list = new List<LexiconEntry>();
        void Add(string group, Concept[] concepts, params string[] words)
        {
            foreach (var w in words) list.Add(new LexiconEntry(w, group, concepts));
        }

        Add("colour", [Concept.Of(Palette.Red)], "red");
        Add("colour", [Concept.Of(Palette.Orange)], "orange");
        Add("colour", [Concept.Of(Palette.Yellow)], "yellow");
        Add("colour", [Concept.Of(Palette.Green)], "green");
        Add("colour", [Concept.Of(Palette.Cyan)], "cyan", "turquoise");
        Add("colour", [Concept.Of(Palette.Blue)], "blue");
        Add("colour", [Concept.Of(Palette.Purple)], "purple", "violet");
        Add("colour", [Concept.Of(Palette.Pink)], "pink");
        Add("background tone", [Concept.ToneOf(Palette.White)], "white");
        Add("background tone", [Concept.ToneOf(Palette.Grey)], "grey", "gray");
        Add("background tone", [Concept.ToneOf(Palette.Black)], "black");

        Add("shape", [Concept.Of(ShapeKind.Ball)], "ball", "balls", "circle", "circles", "sphere", "spheres", "disc", "disk", "dot");
        Add("shape", [Concept.Of(ShapeKind.Square)], "square", "squares", "box", "boxes", "block", "blocks", "cube", "cubes");
        Add("shape", [Concept.Of(ShapeKind.Triangle)], "triangle", "triangles");
        Add("any shape", [new Concept(ConceptKind.AnyShape)], "object", "objects", "shape", "shapes", "thing", "things");

        Add("size", [Concept.Of(SizeClass.Small)], "small", "little", "tiny");
        Add("size", [Concept.Of(SizeClass.Big)], "big", "large", "huge");
        Add("speed", [Concept.Of(SpeedClass.Slow)], "slowly", "slow", "gently");
        Add("speed", [Concept.Of(SpeedClass.Fast)], "quickly", "quick", "fast", "rapidly", "swiftly");

        Add("direction", [Concept.Of(Direction.Right)], "right", "rightward", "rightwards");
        Add("direction", [Concept.Of(Direction.Left)], "left", "leftward", "leftwards");
        Add("direction", [Concept.Of(Direction.Up)], "up", "upward", "upwards");
        Add("direction", [Concept.Of(Direction.Down)], "down", "downward", "downwards");

        Add("move", [Concept.Of(MotionKind.Move)], "move", "moves", "moving", "roll", "rolls", "rolling", "slide", "slides", "sliding",
            "go", "goes", "going", "travel", "travels", "travelling", "traveling", "head", "heads", "heading",
            "drift", "drifts", "drifting", "glide", "glides", "gliding", "float", "floats", "floating", "fly", "flies", "flying");
        Add("move up", [Concept.Of(MotionKind.Move), Concept.Of(Direction.Up)], "rise", "rises", "rising", "climbs", "climbing");
        Add("move down", [Concept.Of(MotionKind.Move), Concept.Of(Direction.Down)], "sink", "sinks", "sinking", "descends", "descending");
        Add("fall", [Concept.Of(MotionKind.Fall)], "fall", "falls", "falling", "fell", "drop", "drops", "dropping");
        Add("bounce", [Concept.Of(MotionKind.Bounce)], "bounce", "bounces", "bouncing", "bouncy");
        Add("still", [Concept.Of(MotionKind.Still)], "still", "stationary", "motionless", "static", "unmoving", "idle");
        Add("collide", [Concept.Of(MotionKind.Collide)], "collide", "collides", "colliding", "collision", "crash", "crashes", "bump", "bumps", "hit", "hits");
        Add("not", [new Concept(ConceptKind.Negation)], "not", "doesn't", "doesnt", "isn't", "isnt", "never");

        Add("camera", [new Concept(ConceptKind.Camera)], "camera", "view");
        Add("pan", [new Concept(ConceptKind.Pan)], "pan", "pans", "panning");
        Add("zoom", [new Concept(ConceptKind.Zoom)], "zoom", "zooms", "zooming");
        Add("in / out", [new Concept(ConceptKind.InOut, 0)], "in");
        Add("in / out", [new Concept(ConceptKind.InOut, 1)], "out");
        Add("background", [new Concept(ConceptKind.BackgroundNoun)], "background", "backdrop");
        Add("background kind", [Concept.Of(BackgroundKind.Gradient)], "gradient");
        Add("background kind", [Concept.Of(BackgroundKind.Textured)], "textured", "checkered", "checkerboard", "patterned", "tiled");
        Add("count", [new Concept(ConceptKind.Count, 2)], "two", "2", "both");
        Add("separator", [Concept.Separator], "and", "while", "as", "then", "with");
        Add("filler", [Concept.Filler], "a", "an", "the", "one", "1", "is", "are", "it", "its", "on", "at", "to", "toward", "towards",
            "of", "over", "across", "from", "into", "onto", "against", "along", "around", "off", "there", "this", "that", "which",
            "video", "clip", "scene", "shot", "frame", "screen", "side", "plain", "solid", "colored", "coloured", "stays", "stay",
            "sits", "sit", "sitting", "stands", "stand", "standing", "remains", "remain", "rests", "resting", "keeps", "staying",
            "does", "do", "ground", "floor", "walls", "wall", "straight", "line", "very", "steadily", "smoothly", "slightly", "by",
            "itself", "place", "middle", "center", "centre", "each", "other", "another", "someone", "shows", "showing",
            "direction", "bottom", "top", "edge", "back", "forth", "again", "repeatedly");
        return list;
    }

    private static List<LexiconEntry> BuildChinese()
    {
        var list = new List<LexiconEntry>();
        void Add(string group, Concept[] concepts, params string[] words)
        {
            foreach (var w in words) list.Add(new LexiconEntry(w, group, concepts));
        }

        Add("colour", [Concept.Of(Palette.Red)], "红色", "红");
        Add("colour", [Concept.Of(Palette.Orange)], "橙色", "橙", "橘色", "橘黄色");
        Add("colour", [Concept.Of(Palette.Yellow)], "黄色", "黄");
        Add("colour", [Concept.Of(Palette.Green)], "绿色", "绿");
        Add("colour", [Concept.Of(Palette.Cyan)], "青色", "青", "蓝绿色");
        Add("colour", [Concept.Of(Palette.Blue)], "蓝色", "蓝");
        Add("colour", [Concept.Of(Palette.Purple)], "紫色", "紫");
        Add("colour", [Concept.Of(Palette.Pink)], "粉色", "粉红色", "粉红", "粉");
        Add("background tone", [Concept.ToneOf(Palette.White)], "白色", "白");
        Add("background tone", [Concept.ToneOf(Palette.Grey)], "灰色", "灰");
        Add("background tone", [Concept.ToneOf(Palette.Black)], "黑色", "黑");

        Add("shape", [Concept.Of(ShapeKind.Ball)], "球", "圆球", "球体", "圆形", "圆", "圆圈", "圆点");
        Add("shape", [Concept.Of(ShapeKind.Square)], "方块", "正方形", "方形", "方", "立方体", "方框", "正方体");
        Add("shape", [Concept.Of(ShapeKind.Triangle)], "三角形", "三角");
        Add("any shape", [new Concept(ConceptKind.AnyShape)], "物体", "东西", "形状", "物件");

        Add("size", [Concept.Of(SizeClass.Small)], "小");
        Add("size", [Concept.Of(SizeClass.Big)], "大");
        Add("speed", [Concept.Of(SpeedClass.Slow)], "慢慢地", "慢慢", "缓慢地", "缓慢", "慢速", "慢慢的", "慢");
        Add("speed", [Concept.Of(SpeedClass.Fast)], "快速地", "快速", "飞快地", "飞快", "迅速地", "迅速", "快");

        Add("direction", [Concept.Of(Direction.Right)], "向右", "往右", "朝右", "右", "右边", "右方", "右侧");
        Add("direction", [Concept.Of(Direction.Left)], "向左", "往左", "朝左", "左", "左边", "左方", "左侧");
        Add("direction", [Concept.Of(Direction.Up)], "向上", "往上", "朝上");
        Add("direction", [Concept.Of(Direction.Down)], "向下", "往下", "朝下");

        Add("move", [Concept.Of(MotionKind.Move)], "移动", "滚动", "运动", "滑动", "滑行", "前进", "行进", "飘动", "飘", "走", "滚", "移",
            "飞", "动", "漂移", "跑");
        Add("move right", [Concept.Of(MotionKind.Move), Concept.Of(Direction.Right)], "右移");
        Add("move left", [Concept.Of(MotionKind.Move), Concept.Of(Direction.Left)], "左移");
        Add("move up", [Concept.Of(MotionKind.Move), Concept.Of(Direction.Up)], "上升", "上移", "升起", "飘起");
        Add("move down", [Concept.Of(MotionKind.Move), Concept.Of(Direction.Down)], "下降", "下移", "下沉");
        Add("fall", [Concept.Of(MotionKind.Fall)], "下落", "落下", "掉落", "掉下", "坠落", "落", "掉", "跌落");
        Add("bounce", [Concept.Of(MotionKind.Bounce)], "弹跳", "反弹", "弹起", "弹", "跳动", "跳", "蹦");
        Add("still", [Concept.Of(MotionKind.Still)], "静止", "不动", "静止不动", "一动不动", "停着", "停住", "停", "静");

        Add("collide", [Concept.Of(MotionKind.Collide)], "相撞", "碰撞", "撞", "撞击", "碰");
        Add("camera", [new Concept(ConceptKind.Camera)], "镜头", "相机", "摄像机", "摄影机", "视角");
        Add("pan", [new Concept(ConceptKind.Pan)], "平移", "摇", "横移");
        Add("zoom in", [new Concept(ConceptKind.ZoomIn)], "推近", "拉近", "推进", "放大");
        Add("zoom out", [new Concept(ConceptKind.ZoomOut)], "拉远", "推远", "缩小", "后拉");
        Add("background", [new Concept(ConceptKind.BackgroundNoun)], "背景", "底色");
        Add("background kind", [Concept.Of(BackgroundKind.Gradient)], "渐变", "渐变色");
        Add("background kind", [Concept.Of(BackgroundKind.Textured)], "纹理", "棋盘格", "格子", "花纹");
        Add("count", [new Concept(ConceptKind.Count, 2)], "两个", "两只", "两颗", "两", "二", "2", "俩");
        Add("separator", [Concept.Separator], "和", "与", "跟", "同时", "而", "并且", "并", "然后", "，", ",", "。", "、", "；", ";", "！", "!");
        Add("filler", [Concept.Filler], "一个", "一只", "一颗", "一", "个", "只", "颗", "的", "地", "得", "在", "着", "正在", "是", "有",
            "从", "到", "边", "上", "下", "中", "里", "面", "上面", "下面", "里面", "画面", "画面中", "视频", "来", "去", "地面", "地上",
            "地板", "墙", "墙壁", "保持", "持续", "不停", "不停地", "不断", "不断地", "上下", "左右", "都", "也", "上方", "下方", "方向",
            "纯色", "色", "1", ".", "朝着", "沿着", "向", "往", "朝", "一直", "屏幕", "直线", "起来", "下来", "上来",
            "场景", "之中", "中间", "处", "一起", "彼此", "互相", "相向");
        return list;
    }
}
