namespace Pacer.Core.Flows;

/// <summary>A user journey: ordered steps, its share of iterations, its data and whether its users keep cookies.</summary>
internal sealed class ScenarioSpec
{
    public required string Name { get; init; }

    /// <summary>Relative share of iterations among the plan's scenarios.</summary>
    public double Weight { get; init; } = 1;

    public required IReadOnlyList<FlowStep> Steps { get; init; }

    /// <summary>Rows for <c>${data.column}</c>, loaded once at plan load and shared read-only.</summary>
    public DataFeeder? Data { get; init; }

    /// <summary>Each virtual user keeps a cookie jar (on by default).</summary>
    public bool Cookies { get; init; } = true;

    /// <summary>Variables every iteration starts with (<c>vars:</c>).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}
