using System.Diagnostics.CodeAnalysis;

namespace Pacer.Core.Flows;

/// <summary>
/// One virtual user's state across its iterations: variables (per iteration and per user), its cookie jar, the current data
/// row, and its own random source. Touched by one iteration at a time, so it needs no locks.
/// </summary>
internal sealed class VirtualUser(int index) : ITemplateScope
{
    private readonly Dictionary<string, string> userVariables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> iterationVariables = new(StringComparer.Ordinal);
    private DataRow? row;

    int ITemplateScope.VirtualUser => index;

    public long Iteration { get; private set; }

    public string Scenario { get; private set; } = string.Empty;

    public Random Random { get; } = new(unchecked((index * 7919) + Environment.TickCount));

    public CookieJar Cookies { get; } = new();

    /// <summary>Starts an iteration of <paramref name="scenario"/>: iteration variables reset to the scenario's <c>vars</c>.</summary>
    public void Begin(ScenarioSpec scenario, long iteration, DataRow? data)
    {
        Scenario = scenario.Name;
        Iteration = iteration;
        row = data;
        iterationVariables.Clear();
        foreach (var (name, value) in scenario.Variables)
        {
            iterationVariables[name] = value;
        }
    }

    public void Set(string name, string value, VariableScope scope)
    {
        if (scope == VariableScope.VirtualUser)
        {
            userVariables[name] = value;
            iterationVariables.Remove(name);
        }
        else
        {
            iterationVariables[name] = value;
        }
    }

    public bool TryGetVariable(string name, [MaybeNullWhen(false)] out string value) =>
        iterationVariables.TryGetValue(name, out value) || userVariables.TryGetValue(name, out value);

    public bool TryGetDataColumn(string column, [MaybeNullWhen(false)] out string value)
    {
        value = null;
        return row is not null && row.TryGet(column, out value);
    }
}
