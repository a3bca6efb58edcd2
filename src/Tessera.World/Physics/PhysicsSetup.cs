namespace Tessera.World.Physics;

/// <summary>A rigid disc (squares and triangles collide as their bounding disc).</summary>
/// <param name="Radius">Half the body's height: the distance from its centre to the floor when resting.</param>
/// <param name="Mass">PhyWorld uses mass ∝ r².</param>
/// <param name="FloorRestitution">1 bounces forever, 0 lands and rests.</param>
/// <param name="Falls">Gravity acts on it (a body that glides or floats at constant velocity does not fall).</param>
public sealed record Body(double Radius, double Mass, Vec2 Position, Vec2 Velocity, double FloorRestitution = 1, bool Falls = true);

/// <summary>Everything the simulator needs: bodies, a vertical gravity, optional floor and walls.</summary>
public sealed record PhysicsSetup(
    IReadOnlyList<Body> Bodies,
    double Gravity = 0,
    double? Floor = null,
    double? LeftWall = null,
    double? RightWall = null,
    bool BodiesCollide = false);

/// <summary>Where a body is and how fast it goes at one instant.</summary>
public readonly record struct BodyState(Vec2 Position, Vec2 Velocity);

/// <summary>A moment the motion changed: a body hit the floor, a wall, another body, or came to rest.</summary>
public sealed record PhysicsEvent(double Time, string Kind, int Body, int? Other = null);

/// <summary>The state of every body at each requested time, and the events in between.</summary>
public sealed record Trajectory(IReadOnlyList<BodyState[]> States, IReadOnlyList<PhysicsEvent> Events);
