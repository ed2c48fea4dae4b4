using System.Diagnostics.CodeAnalysis;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// One virtual user's state across its iterations: variables (per iteration and per user), its cookie jar, the current data
/// row, its own random source, and the request and response buffers it reuses for every step. Touched by one iteration at a
/// time, so it needs no locks.
/// </summary>
internal sealed class VirtualUser(int index) : ITemplateScope
{
    private readonly Dictionary<string, VariableSlot> userVariables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariableSlot> iterationVariables = new(StringComparer.Ordinal);
    private DataRow? row;

    int ITemplateScope.VirtualUser => index;

    public long Iteration { get; private set; }

    public string Scenario { get; private set; } = string.Empty;

    public Random Random { get; } = new(unchecked((index * 7919) + Environment.TickCount));

    public CookieJar Cookies { get; } = new();

    /// <summary>The request each step is rendered into.</summary>
    public FlowRequest Request { get; } = new();

    /// <summary>The response each step's transport fills, read by its checks and extractions.</summary>
    public ExchangeResponse Response { get; } = new();

    /// <summary>This user's iteration, reused for each one: it is what <see cref="FlowRunner.RunIterationAsync"/> awaits.</summary>
    public FlowIteration Run { get; } = new();

    /// <summary>The WebSocket sockets this user holds open, by name.</summary>
    public UserSockets Sockets { get; } = new();

    /// <summary>Room for an extracted value or a rendered metric value on its way into a variable or a number.</summary>
    public WireBuffer Scratch { get; } = new();

    /// <summary>The intended start of the next step of the running iteration (carried through groups).</summary>
    public long NextIntendedTicks { get; set; }

    /// <summary>Starts an iteration of <paramref name="scenario"/>: iteration variables reset to the scenario's <c>vars</c>.</summary>
    public void Begin(ScenarioSpec scenario, long iteration, DataRow? data)
    {
        Scenario = scenario.Name;
        Iteration = iteration;
        row = data;
        foreach (var slot in iterationVariables.Values)
        {
            slot.Unset();
        }

        var initial = scenario.EncodedVariables;
        for (var i = 0; i < initial.Count; i++)
        {
            Slot(iterationVariables, initial[i].Name).Set(initial[i].Value);
        }
    }

    public void Set(string name, ReadOnlySpan<byte> value, VariableScope scope)
    {
        if (scope == VariableScope.VirtualUser)
        {
            Slot(userVariables, name).Set(value);
            if (iterationVariables.TryGetValue(name, out var shadow))
            {
                shadow.Unset();
            }
        }
        else
        {
            Slot(iterationVariables, name).Set(value);
        }
    }

    public bool TryGetVariable(string name, out ReadOnlySpan<byte> value)
    {
        if ((iterationVariables.TryGetValue(name, out var slot) && slot.IsSet) || (userVariables.TryGetValue(name, out slot) && slot.IsSet))
        {
            value = slot.Value;
            return true;
        }

        value = default;
        return false;
    }

    public bool TryGetDataColumn(string column, [MaybeNullWhen(false)] out string value)
    {
        value = null;
        return row is not null && row.TryGet(column, out value);
    }

    private static VariableSlot Slot(Dictionary<string, VariableSlot> variables, string name)
    {
        if (!variables.TryGetValue(name, out var slot))
        {
            slot = new VariableSlot();
            variables[name] = slot;
        }

        return slot;
    }
}
