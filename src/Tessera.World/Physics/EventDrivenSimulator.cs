namespace Tessera.World.Physics;

/// <summary>
/// Exact rigid-disc motion under uniform vertical gravity. Between events every body follows a closed-form
/// parabola (or line), so the simulator jumps from event to event (floor, wall, body–body contact), solving
/// for each event time analytically, and evaluates the closed form at each frame time. No integrator, no time
/// step: ground truth is exact to floating point, which is what a velocity-error floor needs.
/// </summary>
public static class EventDrivenSimulator
{
    private const double Epsilon = 1e-12;
    private const int MaxEvents = 100_000;

    public static Trajectory Run(PhysicsSetup setup, IReadOnlyList<double> times)
    {
        var n = setup.Bodies.Count;
        var p = setup.Bodies.Select(b => b.Position).ToArray();
        var v = setup.Bodies.Select(b => b.Velocity).ToArray();
        // Bodies gravity does not act on behave as if already resting on the floor: constant velocity.
        var resting = setup.Bodies.Select(b => !b.Falls).ToArray();
        var events = new List<PhysicsEvent>();
        var states = new List<BodyState[]>(times.Count);
        double now = 0;
        // A bounce slower than this settles: it would otherwise bounce ever faster, forever (Zeno).
        var settleSpeed = 0.02 * Math.Sqrt(Math.Abs(setup.Gravity)) + 1e-9;

        foreach (var t in times)
        {
            while (true)
            {
                var next = NextEvent(setup, p, v, resting, out var kind, out var a, out var b);
                if (now + next > t) break;
                Advance(setup, p, v, resting, next);
                now += next;
                Resolve(setup, p, v, resting, kind, a, b, settleSpeed);
                events.Add(new PhysicsEvent(now, kind == "floor" && resting[a] ? "rest" : kind, a, kind == "collision" ? b : null));
                if (events.Count > MaxEvents) throw new InvalidOperationException("physics produced too many events");
            }
            var frame = new BodyState[n];
            var dt = t - now;
            for (var i = 0; i < n; i++)
            {
                var g = resting[i] ? 0 : setup.Gravity;
                frame[i] = new BodyState(
                    new Vec2(p[i].X + v[i].X * dt, p[i].Y + v[i].Y * dt + 0.5 * g * dt * dt),
                    new Vec2(v[i].X, v[i].Y + g * dt));
            }
            states.Add(frame);
        }
        return new Trajectory(states, events);
    }

    private static void Advance(PhysicsSetup setup, Vec2[] p, Vec2[] v, bool[] resting, double dt)
    {
        for (var i = 0; i < p.Length; i++)
        {
            var g = resting[i] ? 0 : setup.Gravity;
            p[i] = new Vec2(p[i].X + v[i].X * dt, p[i].Y + v[i].Y * dt + 0.5 * g * dt * dt);
            v[i] = new Vec2(v[i].X, v[i].Y + g * dt);
        }
    }

    /// <summary>Time until the earliest event, and which one (∞ when none).</summary>
    private static double NextEvent(PhysicsSetup setup, Vec2[] p, Vec2[] v, bool[] resting, out string kind, out int a, out int b)
    {
        var best = double.PositiveInfinity;
        kind = "";
        a = b = -1;
        for (var i = 0; i < p.Length; i++)
        {
            var r = setup.Bodies[i].Radius;
            if (setup.Floor is { } floor && !resting[i] && setup.Bodies[i].Falls)
            {
                var t = FloorTime(p[i].Y - (floor + r), v[i].Y, resting[i] ? 0 : setup.Gravity);
                if (t < best) (best, kind, a, b) = (t, "floor", i, -1);
            }
            if (setup.LeftWall is { } left && v[i].X < 0)
            {
                var t = (left + r - p[i].X) / v[i].X;
                if (t > Epsilon && t < best) (best, kind, a, b) = (t, "wall", i, -1);
            }
            if (setup.RightWall is { } right && v[i].X > 0)
            {
                var t = (right - r - p[i].X) / v[i].X;
                if (t > Epsilon && t < best) (best, kind, a, b) = (t, "wall", i, -1);
            }
        }
        if (setup.BodiesCollide)
        {
            for (var i = 0; i < p.Length; i++)
            for (var j = i + 1; j < p.Length; j++)
            {
                // Relative motion is a straight line only when both bodies feel the same acceleration.
                if (setup.Gravity != 0 && resting[i] != resting[j]) continue;
                var t = ContactTime(p[j] - p[i], v[j] - v[i], setup.Bodies[i].Radius + setup.Bodies[j].Radius);
                if (t < best) (best, kind, a, b) = (t, "collision", i, j);
            }
        }
        return best;
    }

    /// <summary>First t &gt; 0 at which height above contact h + vy t + g t²/2 reaches 0 while descending.</summary>
    private static double FloorTime(double h, double vy, double g)
    {
        if (g == 0)
        {
            if (vy >= 0) return double.PositiveInfinity;
            var t = -h / vy;
            return t > Epsilon ? t : double.PositiveInfinity;
        }
        // Just bounced (h ≈ 0, rising): the next contact is the far root, exactly.
        if (Math.Abs(h) < 1e-9 && vy > 0) return -2 * vy / g;
        var qa = 0.5 * g;
        var disc = vy * vy - 4 * qa * h;
        if (disc < 0) return double.PositiveInfinity;
        var sq = Math.Sqrt(disc);
        var r1 = (-vy - sq) / (2 * qa);
        var r2 = (-vy + sq) / (2 * qa);
        var best = double.PositiveInfinity;
        foreach (var t in new[] { r1, r2 })
            if (t > Epsilon && vy + g * t < 0 && t < best) best = t;
        return best;
    }

    /// <summary>First t ≥ 0 at which |d + u t| = distance while approaching (∞ if never).</summary>
    private static double ContactTime(Vec2 d, Vec2 u, double distance)
    {
        var du = d.Dot(u);
        if (du >= 0) return double.PositiveInfinity; // separating or parallel
        var uu = u.Dot(u);
        var c = d.Dot(d) - distance * distance;
        var disc = du * du - uu * c;
        if (disc < 0) return double.PositiveInfinity;
        var t = (-du - Math.Sqrt(disc)) / uu;
        return Math.Max(t, 0);
    }

    private static void Resolve(PhysicsSetup setup, Vec2[] p, Vec2[] v, bool[] resting, string kind, int a, int b, double settleSpeed)
    {
        switch (kind)
        {
            case "floor":
            {
                var e = setup.Bodies[a].FloorRestitution;
                var up = -v[a].Y * e;
                p[a] = new Vec2(p[a].X, setup.Floor!.Value + setup.Bodies[a].Radius);
                if (up < settleSpeed)
                {
                    resting[a] = true;
                    v[a] = new Vec2(v[a].X, 0);
                }
                else v[a] = new Vec2(v[a].X, up);
                break;
            }
            case "wall":
                v[a] = new Vec2(-v[a].X, v[a].Y);
                break;
            case "collision":
            {
                // Elastic impulse along the line of centres, masses as given (PhyWorld: m ∝ r²).
                var ma = setup.Bodies[a].Mass;
                var mb = setup.Bodies[b].Mass;
                var d = p[b] - p[a];
                var n = d * (1 / d.Length);
                var rel = (v[a] - v[b]).Dot(n);
                v[a] -= n * (2 * mb / (ma + mb) * rel);
                v[b] += n * (2 * ma / (ma + mb) * rel);
                break;
            }
        }
    }
}
