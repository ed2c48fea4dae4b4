using System.Text.RegularExpressions;
using Pacer.Core.Plans.Scenarios;
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

        // Lists are walked by index: a foreach over an IReadOnlyList would box an enumerator on every response.
        var extractions = step.Extractions;
        for (var i = 0; i < extractions.Count; i++)
        {
            var extraction = extractions[i];
            if (extraction.TryExtract(response, user.Scratch, out var problem))
            {
                user.Set(extraction.Variable, user.Scratch.WrittenSpan, extraction.Scope);
            }
            else
            {
                errors.Report(step.Location, step.Name, $"extract {extraction.Variable}", problem);
            }
        }

        var abort = false;
        var allPassed = true;
        var stepChecks = step.Checks;
        for (var i = 0; i < stepChecks.Count; i++)
        {
            var check = stepChecks[i];
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
                errors.Report(step.Location, step.Name, $"check {check.Name}", e.Message);
            }
            catch (RegexMatchTimeoutException e)
            {
                // A pattern that backtracks catastrophically on this body is the script's failure, not the run's: the check
                // counts as failed and the error is recorded once with a count, as every script error is.
                passed = false;
                errors.Report(step.Location, step.Name, $"check {check.Name}", $"check '{check.Name}' gave up: the regular expression /{e.Pattern}/ ran longer than its {e.MatchTimeout.TotalSeconds:0.###} s limit on a {response.Body.Length}-byte body");
            }

            checks.Record(slots.Check(check), passed);
            allPassed &= passed;
            abort |= !passed && check.AbortIteration;
        }

        var records = step.Records;
        for (var i = 0; i < records.Count; i++)
        {
            metrics.Record(step, records[i], user, response, allPassed, latencyMs);
        }

        return !abort;
    }
}
