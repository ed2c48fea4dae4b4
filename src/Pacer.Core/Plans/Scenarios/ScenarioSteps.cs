namespace Pacer.Core.Plans.Scenarios;

/// <summary>
/// Questions about a plan's scenarios answered from their steps alone: every request step, group and check name, in plan
/// order. The parser, the recorder's set-up and the result builder all ask them, so they live with the specs.
/// </summary>
internal static class ScenarioSteps
{
    /// <summary>Every distinct check name of the plan, in plan order.</summary>
    public static List<string> CheckNames(IReadOnlyList<ScenarioSpec> scenarios) =>
        [.. scenarios.SelectMany(s => AllChecks(s.Steps)).Select(c => c.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>Every check of request and WebSocket steps, groups flattened, in plan order.</summary>
    public static IEnumerable<Checks.ResponseCheck> AllChecks(IEnumerable<FlowStep> steps) =>
        Flatten(steps).SelectMany(step => step switch
        {
            RequestStep request => request.Checks,
            SocketStep socket => socket.Checks,
            _ => [],
        });

    /// <summary>Every WebSocket step, groups flattened, in plan order.</summary>
    public static IEnumerable<SocketStep> AllSocketSteps(IEnumerable<FlowStep> steps) => Flatten(steps).OfType<SocketStep>();

    /// <summary>Every step that is not a group, groups flattened, in plan order.</summary>
    private static IEnumerable<FlowStep> Flatten(IEnumerable<FlowStep> steps)
    {
        foreach (var step in steps)
        {
            if (step is GroupStep group)
            {
                foreach (var inner in Flatten(group.Steps))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return step;
            }
        }
    }

    /// <summary>Every distinct group name of the plan, in plan order.</summary>
    public static List<string> GroupNames(IReadOnlyList<ScenarioSpec> scenarios) =>
        [.. scenarios.SelectMany(s => AllGroups(s.Steps)).Select(g => g.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>Each group name with the recorder slots of every request step inside it (nested groups included).</summary>
    public static Dictionary<string, List<int>> GroupMembers(IReadOnlyList<ScenarioSpec> scenarios)
    {
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var group in scenarios.SelectMany(s => AllGroups(s.Steps)))
        {
            if (!members.TryGetValue(group.Name, out var list))
            {
                members[group.Name] = list = [];
            }

            list.AddRange(AllRequests(group.Steps).Select(r => r.MetricIndex).Where(i => !list.Contains(i)));
        }

        return members;
    }

    /// <summary>Every group, nested ones after the group that holds them, in plan order.</summary>
    public static IEnumerable<GroupStep> AllGroups(IEnumerable<FlowStep> steps)
    {
        foreach (var group in steps.OfType<GroupStep>())
        {
            yield return group;
            foreach (var inner in AllGroups(group.Steps))
            {
                yield return inner;
            }
        }
    }

    /// <summary>Every request step, groups flattened, in plan order.</summary>
    public static IEnumerable<RequestStep> AllRequests(IEnumerable<FlowStep> steps)
    {
        foreach (var step in steps)
        {
            if (step is RequestStep request)
            {
                yield return request;
            }
            else if (step is GroupStep group)
            {
                foreach (var inner in AllRequests(group.Steps))
                {
                    yield return inner;
                }
            }
        }
    }
}
