using Tessera.Media;
using Tessera.World.Captions;
using Tessera.World.Scenes;

namespace Tessera.World.Tests.Captions;

public sealed class PromptParserTests
{
    [Theory]
    [InlineData("a red ball rolls to the right")]
    [InlineData("red ball moving right")]
    [InlineData("The red circle moves rightwards")]
    [InlineData("一个红色的球向右滚动")]
    [InlineData("红球向右移动")]
    [InlineData("红色的小球往右滚")]
    public void Red_ball_moving_right_in_many_phrasings(string prompt)
    {
        var m = PromptParser.Parse(prompt);
        Assert.True(m.Understood, m.Explain());
        var o = Assert.Single(m.Objects);
        Assert.Equal(Palette.Red, o.Color);
        Assert.Equal(ShapeKind.Ball, o.Shape);
        Assert.Equal(MotionKind.Move, o.Motion);
        Assert.Equal(Direction.Right, o.Direction);
    }

    [Theory]
    [InlineData("blue square moving left on a grey background")]
    [InlineData("蓝色方块向左移动，灰色背景")]
    [InlineData("在灰色背景上，一个蓝色的方块往左移动")]
    [InlineData("grey background, the blue box slides to the left")]
    public void Background_tones_belong_to_the_background(string prompt)
    {
        var m = PromptParser.Parse(prompt);
        Assert.True(m.Understood, m.Explain());
        var o = Assert.Single(m.Objects);
        Assert.Equal((Palette.Blue, ShapeKind.Square, Direction.Left), (o.Color, o.Shape!.Value, o.Direction!.Value));
        Assert.Equal(Palette.Grey, m.BackgroundTone);
    }

    [Theory]
    [InlineData("a green triangle sits still, the camera zooms in", CameraMotion.ZoomIn)]
    [InlineData("绿色三角形静止不动，镜头推近", CameraMotion.ZoomIn)]
    [InlineData("the camera zooms out on a green triangle that is not moving", CameraMotion.ZoomOut)]
    [InlineData("绿色三角形一动不动，镜头拉远", CameraMotion.ZoomOut)]
    [InlineData("camera pans left while a green triangle stays still", CameraMotion.PanLeft)]
    [InlineData("一个绿色的三角形保持静止，镜头向左平移", CameraMotion.PanLeft)]
    [InlineData("绿三角静止，镜头右移", CameraMotion.PanRight)]
    public void Camera_phrases_set_the_camera_not_the_object(string prompt, CameraMotion camera)
    {
        var m = PromptParser.Parse(prompt);
        Assert.True(m.Understood, m.Explain());
        var o = Assert.Single(m.Objects);
        Assert.Equal(MotionKind.Still, o.Motion);
        Assert.Equal(camera, m.Camera);
    }

    [Fact]
    public void Two_objects_each_keep_their_own_motion()
    {
        var m = PromptParser.Parse("a red ball moves up and a blue triangle falls");
        Assert.Equal(2, m.Objects.Count);
        Assert.Equal((MotionKind.Move, Direction.Up), (m.Objects[0].Motion!.Value, m.Objects[0].Direction!.Value));
        Assert.Equal(MotionKind.Fall, m.Objects[1].Motion);
        var shared = PromptParser.Parse("一个红球和一个蓝色方块都向左移动");
        Assert.All(shared.Objects, o => Assert.Equal(Direction.Left, o.Direction));
        Assert.Equal(2, PromptParser.Parse("two balls bounce").Objects.Count);
    }

    [Fact]
    public void Unknown_words_are_named_in_the_error()
    {
        var m = PromptParser.Parse("a red dragon flies over the castle");
        Assert.False(m.Understood);
        Assert.Equal(["dragon", "castle"], m.UnknownWords);
        var e = Assert.Throws<TesseraError>(() => PromptParser.ParseOrThrow("一只红色的龙飞过城堡"));
        Assert.Contains("'龙'", e.Message);
        Assert.Contains("城堡", e.Message);
    }

    [Fact]
    public void A_white_ball_is_refused_because_white_is_a_background_tone()
    {
        var m = PromptParser.Parse("a white ball moves left");
        Assert.False(m.Understood);
        Assert.Contains(m.Problems, p => p.Contains("background tone"));
    }
}
