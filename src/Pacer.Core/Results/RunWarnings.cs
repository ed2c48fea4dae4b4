using System.Globalization;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Scheduling;
using Pacer.Core.Transport;

namespace Pacer.Core.Results;

/// <summary>What the reader must know to trust a run's numbers, in plain English: the result file's <c>warnings</c>.</summary>
internal static class RunWarnings
{
    public static List<string> Of(LoadPlan plan, RunOutcome outcome, double seconds)
    {
        var totals = outcome.Totals;
        var warnings = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (outcome.Generator.Warning() is { } saturated)
        {
            warnings.Add(saturated);
        }

        if (totals.Clamped > 0)
        {
            warnings.Add(string.Create(inv, $"{totals.Clamped:#,0} of {totals.Requests:#,0} requests had timestamps out of order (sent before their intended start, or answered before they were sent): their negative queue or service time was floored to 0, so the latency figures are not exact. This is a bug in Pacer; please report it."));
        }

        if (outcome.AbortReason is not null)
        {
            warnings.Add($"the run was aborted: {outcome.AbortReason}; the numbers cover {seconds.ToString("0.0", inv)} s of {plan.Load.Duration.TotalSeconds.ToString("0.0", inv)} s planned");
        }

        if (totals.Dropped > 0)
        {
            var offered = totals.Requests + totals.Dropped; // abandoned requests are among the requests
            warnings.Add(string.Create(inv,
                $"{totals.Dropped:#,0} of {offered:#,0} arrivals ({100.0 * totals.Dropped / offered:0.##}%) were dropped: they waited longer than max_queue_wait ({plan.Load.MaxQueueWait.TotalSeconds:0.###} s) for one of {plan.Load.MaxConnections} connections, or were still waiting when the run ended. The service (or the pool) could not keep up with the planned rate."));
        }

        if (outcome.Abandoned > 0)
        {
            warnings.Add(string.Create(inv, $"{outcome.Abandoned:#,0} requests were still in flight when {GraceEnd(plan, outcome)} and were abandoned: they count as failed (error kind abandoned) and enter http_req_duration with the time they had waited, a lower bound on their latency; they have no service or queue time."));
        }

        if (outcome.ConnectionsWithStrayBytes is > 0 and var stray)
        {
            warnings.Add(string.Create(inv, $"the server sent bytes no request asked for on {stray:#,0} connection{(stray == 1 ? "" : "s")} (on an idle keep-alive connection, or after a complete response), and Pacer closed {(stray == 1 ? "it" : "each")}: they answered no request (a server may send a 408 before closing an idle connection, or answer twice or out of turn). If it speaks first on new connections, some of its unasked bytes may have been taken as answers, since bytes that arrive just after a request is written cannot be told from the answer (docs/limits.md)."));
        }

        if (totals.Failures > 0)
        {
            var kinds = string.Join(", ", totals.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => string.Create(inv, $"{e.Key.ToName()} {e.Value:#,0}")));
            warnings.Add(string.Create(inv, $"{totals.Failures:#,0} of {totals.Requests:#,0} requests failed ({100.0 * totals.Failures / Math.Max(1, totals.Requests):0.##}%): {kinds}"));
        }

        if (plan.Load.Model == LoadModel.Open && outcome.AbortReason is null && plan.Load.MaxRequests is null)
        {
            var planned = new ArrivalSchedule(plan.Load).ExpectedCount;
            var achieved = totals.Requests + totals.Dropped;
            if (planned >= 100 && achieved < planned * 0.98)
            {
                warnings.Add(string.Create(inv, $"the generator offered {achieved:#,0} of {planned:#,0} planned arrivals ({100.0 * achieved / planned:0.#}%): Pacer itself could not keep the planned rate."));
            }
        }

        foreach (var scenario in outcome.DataExhausted)
        {
            warnings.Add($"the data of scenario '{scenario}' ran out: every row of its data file was used once (order: unique), so the scenario stopped before the plan's end; its rates are over the whole load period");
        }

        foreach (var error in outcome.ScriptErrors)
        {
            warnings.Add(string.Create(inv, $"script error at {error.Location} (step '{error.Step}', {error.Kind}): {error.FirstMessage} — {error.Count:#,0} time{(error.Count == 1 ? "" : "s")}"));
        }

        var failedChecks = totals.Checks.TotalFails;
        if (failedChecks > 0)
        {
            var worst = string.Join(", ", totals.Checks.Names.Select((n, i) => (n, f: totals.Checks.Fails(i))).Where(x => x.f > 0).OrderByDescending(x => x.f).Take(5).Select(x => string.Create(inv, $"'{x.n}' {x.f:#,0}")));
            warnings.Add(string.Create(inv, $"{failedChecks:#,0} of {failedChecks + totals.Checks.TotalPasses:#,0} checks failed: {worst}"));
        }

        return warnings;
    }

    /// <summary>An example message for a kind the engine, not the transport, decides: an abandoned request has no transport message.</summary>
    public static string? Example(ErrorKind kind, LoadPlan plan, RunOutcome outcome) =>
        kind == ErrorKind.Abandoned ? $"sent, and no response when {GraceEnd(plan, outcome)}" : null;

    /// <summary>
    /// What ended the wait for requests in flight, with the figure actually given: after Ctrl-C that is the interrupt grace
    /// (2 s), not the plan's graceful stop, and a second Ctrl-C gave none.
    /// </summary>
    private static string GraceEnd(LoadPlan plan, RunOutcome outcome)
    {
        var grace = outcome.Grace ?? plan.Load.GracefulStop;
        return outcome.CutShort ? "a second Ctrl-C stopped the run at once"
            : outcome.Interrupted ? string.Create(CultureInfo.InvariantCulture, $"the grace after the interrupt ({grace.TotalSeconds:0.###} s) ran out")
            : string.Create(CultureInfo.InvariantCulture, $"the graceful stop ({grace.TotalSeconds:0.###} s) ran out");
    }
}
