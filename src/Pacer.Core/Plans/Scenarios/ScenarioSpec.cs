namespace Pacer.Core.Plans.Scenarios;

/// <summary>A user journey: ordered steps, its share of iterations, its data and whether its users keep cookies.</summary>
internal sealed class ScenarioSpec
{
    private readonly IReadOnlyDictionary<string, string> variables = new Dictionary<string, string>();
    private readonly (string Name, byte[] Value)[] encodedVariables = [];

    public required string Name { get; init; }

    /// <summary>Relative share of iterations among the plan's scenarios.</summary>
    public double Weight { get; init; } = 1;

    public required IReadOnlyList<FlowStep> Steps { get; init; }

    /// <summary>Rows for <c>${data.column}</c>, loaded once at plan load and shared read-only (each run keeps its own place in them).</summary>
    public ScenarioData? Data { get; init; }

    /// <summary>Each virtual user keeps a cookie jar (on by default).</summary>
    public bool Cookies { get; init; } = true;

    /// <summary>The scenario's own load, run alongside the plan's other scenarios; null to share the plan's <c>load</c>.</summary>
    public Plans.LoadProfile? Load { get; init; }

    /// <summary>Where the scenario's own <c>load:</c> stands in the plan file, for errors about it; null without one.</summary>
    public Plans.PlanPlace? LoadPlace { get; init; }

    /// <summary>Closed model: each virtual user starts an iteration at most this often (the rest of the time it waits).</summary>
    public TimeSpan? Pacing { get; init; }

    /// <summary>Variables every iteration starts with (<c>vars:</c>).</summary>
    public IReadOnlyDictionary<string, string> Variables
    {
        get => variables;
        init
        {
            variables = value;
            encodedVariables = [.. value.Select(v => (v.Key, System.Text.Encoding.UTF8.GetBytes(v.Value)))];
        }
    }

    /// <summary><see cref="Variables"/> as UTF-8, encoded once: each iteration copies them into its slots without allocating.</summary>
    public IReadOnlyList<(string Name, byte[] Value)> EncodedVariables => encodedVariables;

    /// <summary>This scenario with every request URL under <paramref name="oldBase"/> moved to <paramref name="newBase"/>
    /// (scheme and authority, e.g. <c>http://127.0.0.1:8080</c>), keeping paths, queries and placeholders.</summary>
    public ScenarioSpec Retarget(string oldBase, string newBase) => new()
    {
        Name = Name,
        Weight = Weight,
        Steps = Retarget(Steps, oldBase, newBase),
        Data = Data,
        Cookies = Cookies,
        Variables = Variables,
        Pacing = Pacing,
        Load = Load,
        LoadPlace = LoadPlace,
    };

    /// <summary>This scenario with <paramref name="load"/> as its own load.</summary>
    public ScenarioSpec WithLoad(Plans.LoadProfile load) => new()
    {
        Name = Name,
        Weight = Weight,
        Steps = Steps,
        Data = Data,
        Cookies = Cookies,
        Variables = Variables,
        Pacing = Pacing,
        Load = load,
        LoadPlace = LoadPlace,
    };

    private static List<FlowStep> Retarget(IReadOnlyList<FlowStep> steps, string oldBase, string newBase) =>
    [
        .. steps.Select(step => step switch
        {
            RequestStep r when r.Url.Text.StartsWith(oldBase, StringComparison.OrdinalIgnoreCase) => r.WithUrl(Template.Compile(newBase + r.Url.Text[oldBase.Length..])),
            // A socket under the target follows it too, as the target's WebSocket counterpart (http → ws, https → wss).
            SocketConnectStep w when w.Url.Text.StartsWith(SocketConnectStep.AsWebSocket(oldBase), StringComparison.OrdinalIgnoreCase) =>
                w.WithUrl(Template.Compile(SocketConnectStep.AsWebSocket(newBase) + w.Url.Text[SocketConnectStep.AsWebSocket(oldBase).Length..])),
            GroupStep g => new GroupStep { Name = g.Name, Steps = Retarget(g.Steps, oldBase, newBase), Probability = g.Probability, Location = g.Location },
            _ => step,
        }),
    ];
}
