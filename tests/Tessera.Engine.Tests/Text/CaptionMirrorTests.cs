using Tessera.Engine.Text;

namespace Tessera.Engine.Tests.Text;

public sealed class CaptionMirrorTests
{
    [Theory]
    [InlineData("a red ball moves to the left", "a red ball moves to the right")]
    [InlineData("the blue cube heads right while the green ball travels left", "the blue cube heads left while the green ball travels right")]
    [InlineData("Left goes the ball, RIGHT stays the square", "Right goes the ball, LEFT stays the square")]
    [InlineData("a ball drifts leftwards, a cube rightward", "a ball drifts rightwards, a cube leftward")]
    [InlineData("红色的球向左移动，同时蓝色方块向右滚动", "红色的球向右移动，同时蓝色方块向左滚动")]
    [InlineData("黄色三角左移，相机向右平移", "黄色三角右移，相机向左平移")]
    public void LeftAndRightTradePlaces(string caption, string mirrored)
    {
        Assert.True(CaptionMirror.NamesSide(caption));
        Assert.Equal(mirrored, CaptionMirror.Mirror(caption));
        Assert.Equal(caption, CaptionMirror.Mirror(mirrored));
    }

    [Theory]
    [InlineData("a red ball moves up on a bright background")]
    [InlineData("the camera pans down, a copyright-free cube falls")]
    [InlineData("绿色的球向上飘，背景是渐变")]
    [InlineData("")]
    public void CaptionsWithoutASideReadTheSameInTheMirror(string caption)
    {
        Assert.False(CaptionMirror.NamesSide(caption));
        Assert.Equal(caption, CaptionMirror.Mirror(caption));
    }
}
