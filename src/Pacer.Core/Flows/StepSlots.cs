using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans.Scenarios.Checks;
using Pacer.Core.Recording;

namespace Pacer.Core.Flows;

/// <summary>
/// Where the recorder keeps each check's tally and each group's durations. Looked up by the recorder's own names, which are
/// the whole plan's: a lane runs only some of the scenarios, and a name's position among its own scenarios' names is not its
/// slot.
/// </summary>
internal sealed class StepSlots
{
    private readonly Dictionary<ResponseCheck, int> checks = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> groups = new(StringComparer.Ordinal);

    public StepSlots(IReadOnlyList<ScenarioSpec> scenarios, RunRecorder recorder)
    {
        foreach (var name in ScenarioSteps.GroupNames(scenarios))
        {
            groups[name] = IndexOf(recorder.Groups.Names, name);
        }

        foreach (var check in scenarios.SelectMany(s => ScenarioSteps.AllChecks(s.Steps)))
        {
            checks[check] = IndexOf(recorder.Checks.Names, check.Name);
        }
    }

    /// <summary>The slot of <paramref name="check"/> in the recorder's check tally.</summary>
    public int Check(ResponseCheck check) => checks[check];

    /// <summary>The slot of <paramref name="group"/> in the recorder's group durations.</summary>
    public int Group(GroupStep group) => groups[group.Name];

    /// <summary>The recorder slot of <paramref name="name"/>; a name the recorder was not built with is a wiring mistake.</summary>
    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"the recorder has no slot named '{name}': build it with the plan's check and group names", nameof(names));
    }
}
