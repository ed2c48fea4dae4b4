using System.Text.RegularExpressions;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans.Scenarios.Checks;
using Pacer.Core.Recording;

namespace Pacer.Core.Flows;

/// <summary>
/// What a request step does with its response once it is recorded: keep the cookies it sets, extract its variables, evaluate
/// its checks, and feed its <c>record</c> entries. A failure of the script (nothing to extract, a pattern that gives up) is the
/// step's script error, recorded once with a count; it never stops the run.
/// </summary>
internal sealed class StepResponseHandler(StepSlots slots, CheckTally checks, CustomMetricFeed metrics, ScriptErrors errors)
{
    private readonly StepSlots slots = slots;
    private readonly CheckTally checks = checks;
    private readonly CustomMetricFeed metrics = metrics;
    private readonly ScriptErrors errors = errors;

    /// <summary>
    /// Handles the response in <paramref name="user"/>'s buffers to <paramref name="step"/>, which took
    /// <paramref name="latencyMs"/>; false when a failed check ends the iteration (<c>abort_iteration</c>).
    /// </summary>
    public bool Handle(ScenarioSpec scenario, RequestStep step, VirtualUser user, double latencyMs)
    {
        var response = user.Response;
        if (scenario.Cookies)
        {
            user.Cookies.Store(user.Request.Host, response);
        }

        var passed = ExtractAndCheck(step.Location, step.Name, step.Extractions, step.Checks, user, out var allPassed);
        var records = step.Records;
        for (var i = 0; i < records.Count; i++)
        {
            metrics.Record(step, records[i], user, response, allPassed, latencyMs);
        }

        return passed;
    }

    /// <summary>
    /// Runs <paramref name="extractions"/> and <paramref name="checks"/> (of the step at <paramref name="location"/> named
    /// <paramref name="name"/>) on the response in <paramref name="user"/>'s buffers: a request's body or a WebSocket message.
    /// False when a failed check ends the iteration; <paramref name="allPassed"/> says whether every check passed.
    /// </summary>
    public bool ExtractAndCheck(string location, string name, IReadOnlyList<Extraction> extractions, IReadOnlyList<ResponseCheck> checks, VirtualUser user, out bool allPassed)
    {
        var response = user.Response;

        // Lists are walked by index: a foreach over an IReadOnlyList would box an enumerator on every response.
        for (var i = 0; i < extractions.Count; i++)
        {
            var extraction = extractions[i];
            if (extraction.TryExtract(response, user.Scratch, out var problem))
            {
                user.Set(extraction.Variable, user.Scratch.WrittenSpan, extraction.Scope);
            }
            else
            {
                errors.Report(location, name, $"extract {extraction.Variable}", problem);
            }
        }

        var abort = false;
        allPassed = true;
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            bool passed;
            try
            {
                // The scratch buffer is free here: every extraction above has copied its value into a variable.
                passed = check.Passes(response, user, user.Scratch);
            }
            catch (TemplateRenderException e)
            {
                // The value to compare with could not be rendered (a variable no earlier step set): the check fails, and
                // why is the step's script error, recorded once with a count.
                passed = false;
                errors.Report(location, name, $"check {check.Name}", e.Message);
            }
            catch (RegexMatchTimeoutException e)
            {
                // A pattern that backtracks catastrophically on this body is the script's failure, not the run's: the check
                // counts as failed and the error is recorded once with a count, as every script error is.
                passed = false;
                errors.Report(location, name, $"check {check.Name}", $"check '{check.Name}' gave up: the regular expression /{e.Pattern}/ ran longer than its {e.MatchTimeout.TotalSeconds:0.###} s limit on a {response.Body.Length}-byte body");
            }

            this.checks.Record(slots.Check(check), passed);
            allPassed &= passed;
            abort |= !passed && check.AbortIteration;
        }

        return !abort;
    }
}
