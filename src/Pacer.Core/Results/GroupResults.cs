using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Core.Results;

/// <summary>The result's scenario groups: each group's own duration, and its request steps taken together.</summary>
internal static class GroupResults
{
    public static List<GroupResult> From(IReadOnlyList<ScenarioSpec> scenarios, RecorderTotals totals)
    {
        var members = Members(scenarios);
        var groups = new List<GroupResult>();
        for (var i = 0; i < totals.Groups.Names.Count; i++)
        {
            var name = totals.Groups.Names[i];
            var steps = members.TryGetValue(name, out var indexes) ? indexes.Select(x => totals.PerRequest[x]).ToList() : [];
            LatencyHistogram Merged(Func<RequestTotals, LatencyHistogram> pick)
            {
                var merged = new LatencyHistogram();
                steps.ForEach(step => merged.Add(pick(step)));
                return merged;
            }

            groups.Add(new GroupResult(name, ResultStats.Stats(totals.Groups.Totals[i]))
            {
                Requests = steps.Sum(s => s.Requests),
                Failures = steps.Sum(s => s.Failures),
                StepLatency = ResultStats.Stats(Merged(s => s.Latency)),
                ServiceTime = ResultStats.Stats(Merged(s => s.ServiceTime)),
                QueueTime = ResultStats.Stats(Merged(s => s.QueueTime)),
                ErrorsByKind = steps.SelectMany(s => s.Errors).GroupBy(e => e.Key).OrderByDescending(g => g.Sum(e => e.Value)).ToDictionary(g => g.Key.ToName(), g => g.Sum(e => e.Value)),
            });
        }

        return groups;
    }

    /// <summary>
    /// Each group name with the recorder slots of every request step inside it (nested groups included), read from the scenario
    /// specs alone: a saved result and a live run are described by the plan, not by the runtime that ran it.
    /// </summary>
    public static Dictionary<string, List<int>> Members(IReadOnlyList<ScenarioSpec> scenarios)
    {
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var group in scenarios.SelectMany(s => Groups(s.Steps)))
        {
            if (!members.TryGetValue(group.Name, out var list))
            {
                members[group.Name] = list = [];
            }

            list.AddRange(Requests(group.Steps).Select(r => r.MetricIndex).Where(i => !list.Contains(i)));
        }

        return members;
    }

    private static IEnumerable<GroupStep> Groups(IEnumerable<FlowStep> steps)
    {
        foreach (var group in steps.OfType<GroupStep>())
        {
            yield return group;
            foreach (var inner in Groups(group.Steps))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<RequestStep> Requests(IEnumerable<FlowStep> steps)
    {
        foreach (var step in steps)
        {
            if (step is RequestStep request)
            {
                yield return request;
            }
            else if (step is GroupStep group)
            {
                foreach (var inner in Requests(group.Steps))
                {
                    yield return inner;
                }
            }
        }
    }
}
