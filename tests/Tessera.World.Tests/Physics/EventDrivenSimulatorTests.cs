using Tessera.World.Physics;

namespace Tessera.World.Tests.Physics;

public sealed class EventDrivenSimulatorTests
{
    private static readonly double[] Times = Enumerable.Range(0, 32).Select(i => i * 0.1).ToArray();

    [Fact]
    public void Uniform_motion_is_exact_at_every_frame()
    {
        var t = EventDrivenSimulator.Run(new PhysicsSetup([new Body(1, 1, new Vec2(1, 5), new Vec2(2.5, 0))]), Times);
        for (var i = 0; i < Times.Length; i++)
            Assert.Equal(1 + 2.5 * Times[i], t.States[i][0].Position.X, 12);
    }

    [Fact]
    public void Parabola_follows_the_closed_form()
    {
        var t = EventDrivenSimulator.Run(new PhysicsSetup([new Body(1, 1, new Vec2(1, 8), new Vec2(2, 0))], Gravity: -2.5), Times);
        for (var i = 0; i < Times.Length; i++)
        {
            Assert.Equal(8 - 1.25 * Times[i] * Times[i], t.States[i][0].Position.Y, 12);
            Assert.Equal(-2.5 * Times[i], t.States[i][0].Velocity.Y, 12);
        }
    }

    [Fact]
    public void Elastic_collision_conserves_momentum_and_energy_with_mass_proportional_to_r_squared()
    {
        var a = new Body(1.2, 1.44, new Vec2(2, 5), new Vec2(3, 0));
        var b = new Body(0.8, 0.64, new Vec2(7, 5), new Vec2(-1, 0));
        var t = EventDrivenSimulator.Run(new PhysicsSetup([a, b], BodiesCollide: true), Times);
        var contact = Assert.Single(t.Events, e => e.Kind == "collision");
        // Gap 5 - 2 = 3 closing at 4 units/s: contact at 0.75 s.
        Assert.Equal(0.75, contact.Time, 12);
        var end = t.States[^1];
        Assert.Equal(1.44 * 3 + 0.64 * -1, 1.44 * end[0].Velocity.X + 0.64 * end[1].Velocity.X, 9);
        Assert.Equal(1.44 * 9 + 0.64 * 1, 1.44 * Math.Pow(end[0].Velocity.X, 2) + 0.64 * Math.Pow(end[1].Velocity.X, 2), 9);
        Assert.True(end[1].Velocity.X > 0, "the lighter ball bounces back to the right");
    }

    [Fact]
    public void A_ball_bounces_on_the_floor_and_walls_and_settles_when_restitution_is_below_one()
    {
        var body = new Body(1, 1, new Vec2(5, 8), new Vec2(4, 0), FloorRestitution: 0.5);
        var times = Enumerable.Range(0, 100).Select(i => i * 0.1).ToArray();
        var t = EventDrivenSimulator.Run(new PhysicsSetup([body], Gravity: -10, Floor: 0, LeftWall: 0, RightWall: 10), times);
        Assert.Contains(t.Events, e => e.Kind == "floor");
        Assert.Contains(t.Events, e => e.Kind == "wall");
        Assert.Contains(t.Events, e => e.Kind == "rest");
        foreach (var frame in t.States)
        {
            Assert.InRange(frame[0].Position.Y, 1 - 1e-9, 8 + 1e-9);
            Assert.InRange(frame[0].Position.X, 1 - 1e-9, 9 + 1e-9);
        }
        Assert.Equal(1, t.States[^1][0].Position.Y, 9);
    }

    [Fact]
    public void A_body_that_does_not_fall_ignores_gravity()
    {
        var t = EventDrivenSimulator.Run(new PhysicsSetup([new Body(1, 1, new Vec2(2, 5), new Vec2(1, 0), Falls: false)], Gravity: -9, Floor: 0), Times);
        Assert.All(t.States, s => Assert.Equal(5, s[0].Position.Y, 12));
    }
}
