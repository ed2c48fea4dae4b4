using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Pacer.Core.Plans.Scenarios.Checks;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// Runs one iteration of a scenario for a virtual user: renders each request step, sends it, records it against its intended
/// start, stores cookies, extracts variables, evaluates checks, and pauses for think steps. The intended start of a step is the
/// end of the previous one plus its think time, so a stall in step 1 is charged to step 1 and does not hide in step 2.
/// </summary>
/// <remarks>
/// <para>
/// A step is never sent before its intended start: after a think time it is held by the transport until then
/// (<see cref="TransportCapabilities.HoldsScheduledExchanges"/>) or the user is woken by the <see cref="IStepClock"/>, which never wakes early; how
/// late it was handed over (or, held by the transport, written) after its intended start is the generator's lag, reported
/// through <see cref="RecordLag"/>.
/// </para>
/// Nothing here allocates per request: each virtual user renders into its own request buffers, the transport fills its own
/// response buffers, the user's <see cref="FlowIteration"/> is the awaitable (no async state machine per call), and the plan's
/// lists are walked by index (a <c>foreach</c> over an <see cref="IReadOnlyList{T}"/> would box an enumerator every time).
/// </remarks>
internal sealed class FlowRunner
{
    private readonly IReadOnlyList<ScenarioSpec> scenarios;
    private readonly double[] cumulativeWeights;
    private readonly ITransport transport;
    private readonly RunRecorder recorder;
    private readonly Dictionary<ResponseCheck, int> checkIndex;
    private readonly Func<bool> tryClaimRequest;
    private readonly bool[] exhausted;
    private readonly Dictionary<string, int> groupIndex;

    public FlowRunner(IReadOnlyList<ScenarioSpec> scenarios, ITransport transport, RunRecorder recorder, Func<bool> tryClaimRequest, IStepClock? clock = null)
    {
        this.scenarios = scenarios;
        this.transport = transport;
        Holding = transport.Capabilities.HoldsScheduledExchanges;
        Clock = clock ?? Timing.PreciseTimer.Shared;
        this.recorder = recorder;
        this.tryClaimRequest = tryClaimRequest;
        exhausted = new bool[scenarios.Count];
        cumulativeWeights = new double[scenarios.Count];
        var sum = 0.0;
        for (var i = 0; i < scenarios.Count; i++)
        {
            sum += scenarios[i].Weight;
            cumulativeWeights[i] = sum;
        }

        var groups = GroupNames(scenarios);
        groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var names = CheckNames(scenarios);
        checkIndex = new Dictionary<ResponseCheck, int>(ReferenceEqualityComparer.Instance);
        foreach (var check in scenarios.SelectMany(s => AllRequests(s.Steps)).SelectMany(r => r.Checks))
        {
            checkIndex[check] = names.IndexOf(check.Name);
        }
    }

    private long iterations;

    /// <summary>Iterations started so far.</summary>
    public long Iterations => Interlocked.Read(ref iterations);

    /// <summary>Script failures seen so far.</summary>
    public ScriptErrors Errors { get; } = new();

    /// <summary>Every distinct check name of the plan, in plan order.</summary>
    public static List<string> CheckNames(IReadOnlyList<ScenarioSpec> scenarios) =>
        [.. scenarios.SelectMany(s => AllRequests(s.Steps)).SelectMany(r => r.Checks).Select(c => c.Name).Distinct(StringComparer.Ordinal)];

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

    private static IEnumerable<GroupStep> AllGroups(IEnumerable<FlowStep> steps)
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

    /// <summary>The transport the iterations send through.</summary>
    public ITransport Transport => transport;

    /// <summary>Whether the transport can hold a step's request until its intended start.</summary>
    public bool Holding { get; }

    /// <summary>What the iterations wait by.</summary>
    public IStepClock Clock { get; }

    /// <summary>
    /// Receives each step's generator lag in Stopwatch ticks: when it was handed to the transport (for a step the transport held
    /// until its time: when it was written) less its intended start. A step's intended start is the previous step's end, plus
    /// any think time; the first step's is the iteration's.
    /// </summary>
    public Action<long>? RecordLag { get; init; }

    /// <summary>
    /// True when the lane records the lag of an iteration's first step itself (the open model: how late its arrival was taken,
    /// without the wait for a free virtual user, which is queueing); that step is then not recorded again here.
    /// </summary>
    public bool FirstStepLagRecordedByLane { get; init; }

    /// <summary>
    /// Runs one iteration for <paramref name="user"/> starting at <paramref name="intendedTicks"/>. Returns false when no more
    /// iterations should start: every scenario's unique data is used up, or the run's request bound was reached. Awaiting it
    /// allocates nothing: the user's own <see cref="FlowIteration"/> is the awaitable.
    /// </summary>
    public ValueTask<bool> RunIterationAsync(VirtualUser user, long iteration, long intendedTicks, CancellationToken cancellationToken) =>
        user.Run.Start(this, user, iteration, intendedTicks, cancellationToken);

    /// <summary>
    /// Steps <paramref name="it"/> on to what it must do next: render and claim a request (<see cref="FlowAction.Send"/>), pause
    /// for think time or pacing (<see cref="FlowAction.Wait"/>), or finish (<see cref="FlowAction.Done"/>).
    /// </summary>
    internal FlowAction Next(FlowIteration it)
    {
        while (true)
        {
            switch (it.Phase)
            {
                case FlowPhase.NotStarted:
                    if (!TryBegin(it))
                    {
                        it.Phase = FlowPhase.Done;
                        return FlowAction.Done;
                    }

                    break;
                case FlowPhase.Steps:
                    if (NextInSteps(it) is { } action)
                    {
                        return action;
                    }

                    break;
                case FlowPhase.Ending:
                    it.Phase = FlowPhase.Done;
                    if (it.StopRun)
                    {
                        it.KeepRunning = false;
                        return FlowAction.Done;
                    }

                    // A think after the last request still holds the user; pacing: the next iteration of this user starts one
                    // pacing period after this one was meant to start.
                    var resume = it.NotBeforeTicks;
                    if (it.Scenario.Pacing is { } pacing)
                    {
                        resume = Math.Max(resume, it.IntendedTicks + (long)(pacing.TotalSeconds * Stopwatch.Frequency));
                    }

                    if (resume > Clock.Now)
                    {
                        it.ResumeTicks = resume;
                        it.WaitUntilTicks = resume;
                        return FlowAction.Wait;
                    }

                    return FlowAction.Done;
                default:
                    return FlowAction.Done;
            }
        }
    }

    /// <summary>Picks the scenario and its data row; false (with <see cref="FlowIteration.KeepRunning"/> set) when none can run.</summary>
    private bool TryBegin(FlowIteration it)
    {
        var user = it.User;
        var index = Pick(user.Random);
        if (index < 0)
        {
            it.KeepRunning = false;
            return false;
        }

        var scenario = scenarios[index];
        DataRow? row = null;
        if (scenario.Data is { } data && !data.TryNext(out row))
        {
            // Unique rows ran out: this scenario ends cleanly; the others (if any) carry on.
            Volatile.Write(ref exhausted[index], true);
            Errors.Report(scenario.Name, scenario.Name, "data exhausted", $"scenario '{scenario.Name}' used every row of its data file once (order: unique) and stopped");
            it.KeepRunning = Pick(user.Random) >= 0;
            return false;
        }

        Interlocked.Increment(ref iterations);
        user.Begin(scenario, it.Number, row);
        user.NextIntendedTicks = it.IntendedTicks;
        it.NotBeforeTicks = it.IntendedTicks;
        it.Scenario = scenario;
        it.Push(scenario.Steps, null, it.IntendedTicks);
        it.Phase = FlowPhase.Steps;
        return true;
    }

    /// <summary>Walks the steps to the next send or pause; null when the phase changed (the steps are over or cut short).</summary>
    private FlowAction? NextInSteps(FlowIteration it)
    {
        var user = it.User;
        while (true)
        {
            if (it.NextStep() is not { } step)
            {
                if (it.Depth == 1)
                {
                    it.Phase = FlowPhase.Ending;
                    return null;
                }

                var group = it.Pop(out var groupStart)!;
                recorder.Groups.Record(groupIndex[group.Name], (long)Stopwatch.GetElapsedTime(groupStart, user.NextIntendedTicks).TotalMicroseconds);
                continue;
            }

            // A request not yet due that the transport cannot hold (or that renders ${now}, so must be rendered at its time):
            // wait for its time first, then take the step again (its probability is drawn once, after the wait).
            if (step is RequestStep due && it.NotBeforeTicks > Clock.Now && (!Holding || due.ReadsClock))
            {
                it.StepBack();
                it.WaitUntilTicks = it.NotBeforeTicks;
                return FlowAction.Wait;
            }

            if (step.Probability < 1 && user.Random.NextDouble() >= step.Probability)
            {
                continue;
            }

            switch (step)
            {
                case ThinkStep think:
                    // No wait here: the next request is held until this time (or the user woken then), and a think with no
                    // request after it holds the user at the iteration's end.
                    user.NextIntendedTicks += (long)(think.Draw(user.Random).TotalSeconds * Stopwatch.Frequency);
                    it.NotBeforeTicks = user.NextIntendedTicks;
                    break;
                case GroupStep group:
                    it.Push(group.Steps, group, user.NextIntendedTicks);
                    break;
                case RequestStep request:
                    if (!TryPrepare(it, request))
                    {
                        // A group cut short is not a group duration: it would report an unfinished journey as a fast one.
                        it.Phase = FlowPhase.Ending;
                        return null;
                    }

                    it.Pending = request;
                    it.SendAtTicks = it.NotBeforeTicks > Clock.Now ? it.NotBeforeTicks : 0;
                    return FlowAction.Send;
            }
        }
    }

    /// <summary>Renders <paramref name="step"/> and claims a request from the run's bound; false when the iteration ends here.</summary>
    private bool TryPrepare(FlowIteration it, RequestStep step)
    {
        try
        {
            if (!TryRender(it.Scenario, step, it.User, out var kind, out var problem))
            {
                Errors.Report(step.Location, step.Name, kind, problem);
                return false;
            }
        }
        catch (TemplateRenderException e)
        {
            Errors.Report(step.Location, step.Name, "template", e.Message);
            return false;
        }

        if (!tryClaimRequest())
        {
            it.StopRun = true;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The exchange of the pending step ended by an exception. When it is the run's cancellation at the end of the grace
    /// period, the step was sent and never answered: it is recorded as abandoned (a failure, its wait so far a lower bound on
    /// its latency). Not the hot path: once per step in flight at cancellation.
    /// </summary>
    internal void ExchangeFailed(FlowIteration it, Exception exception)
    {
        if (exception is OperationCanceledException && it.Pending is { } step)
        {
            it.Pending = null;
            recorder.RecordAbandoned(step.MetricIndex, it.User.NextIntendedTicks, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Records the pending step's response, keeps its cookies, extracts its variables and evaluates its checks.</summary>
    internal void Received(FlowIteration it, in TransportResult result)
    {
        var user = it.User;
        var step = it.Pending!;
        it.Pending = null;
        var response = user.Response;
        response.Result = result;
        var intended = user.NextIntendedTicks;
        recorder.RecordRequest(step.MetricIndex, intended, result);
        if (RecordLag is { } lag && (it.Sent > 0 || !FirstStepLagRecordedByLane))
        {
            // The generator's part ends when it hands the request over (what the transport does then, such as opening a
            // connection, is not its lateness), or, for a request the transport held until its time, when it was written.
            lag((it.Held ? result.SendTicks : it.HandedOverTicks) - intended);
        }

        it.Sent++;
        it.NotBeforeTicks = 0;
        user.NextIntendedTicks = result.EndTicks;
        if (result.Status == 0)
        {
            // No response at all: nothing to check or extract, and later steps would run on missing data.
            it.Phase = FlowPhase.Ending;
            return;
        }

        if (it.Scenario.Cookies)
        {
            user.Cookies.Store(user.Request.Host, response);
        }

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
                Errors.Report(step.Location, step.Name, $"extract {extraction.Variable}", problem);
            }
        }

        var abort = false;
        var allPassed = true;
        var checks = step.Checks;
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            bool passed;
            try
            {
                passed = check.Passes(response);
            }
            catch (RegexMatchTimeoutException e)
            {
                // A pattern that backtracks catastrophically on this body is the script's failure, not the run's: the check
                // counts as failed and the error is recorded once with a count, as every script error is.
                passed = false;
                Errors.Report(step.Location, step.Name, $"check {check.Name}", $"check '{check.Name}' gave up: the regular expression /{e.Pattern}/ ran longer than its {e.MatchTimeout.TotalSeconds:0.###} s limit on a {response.Body.Length}-byte body");
            }

            recorder.Checks.Record(checkIndex[check], passed);
            allPassed &= passed;
            abort |= !passed && check.AbortIteration;
        }

        var records = step.Records;
        for (var i = 0; i < records.Count; i++)
        {
            Record(step, records[i], user, response, allPassed, Stopwatch.GetElapsedTime(intended, result.EndTicks).TotalMilliseconds);
        }

        if (abort)
        {
            it.Phase = FlowPhase.Ending;
        }
    }

    private int Pick(Random random)
    {
        for (var attempt = 0; attempt < 4 * scenarios.Count + 4; attempt++)
        {
            var x = random.NextDouble() * cumulativeWeights[^1];
            var i = 0;
            while (i < cumulativeWeights.Length - 1 && x >= cumulativeWeights[i])
            {
                i++;
            }

            if (!Volatile.Read(ref exhausted[i]))
            {
                return i;
            }
        }

        for (var i = 0; i < scenarios.Count; i++)
        {
            if (!Volatile.Read(ref exhausted[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds one <c>record</c> entry's value to its custom metric.</summary>
    private void Record(RequestStep step, MetricRecord record, VirtualUser user, FlowResponse response, bool checksPassed, double latencyMs)
    {
        var metrics = recorder.Custom;
        var ok = response.Result.Error == ErrorKind.None;
        var kind = metrics.Specs[record.MetricIndex].Kind;
        double value;
        switch (record.Source)
        {
            case MetricValueSource.Duration:
                value = latencyMs;
                break;
            case MetricValueSource.Checks:
                value = checksPassed ? 1 : 0;
                break;
            case MetricValueSource.Ok:
                value = ok ? 1 : 0;
                break;
            default:
                if (record.Value is null)
                {
                    value = 1;
                    break;
                }

                var text = user.Scratch;
                text.Clear();
                try
                {
                    record.Value.Render(user, text);
                }
                catch (TemplateRenderException e)
                {
                    Errors.Report(step.Location, step.Name, $"record {record.Metric}", e.Message);
                    return;
                }

                if (!double.TryParse(text.WrittenSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    Errors.Report(step.Location, step.Name, $"record {record.Metric}", $"'{System.Text.Encoding.UTF8.GetString(text.WrittenSpan)}' is not a number, so it cannot be added to {record.Metric}");
                    return;
                }

                break;
        }

        switch (kind)
        {
            case Plans.MetricKind.Trend:
                metrics.AddTrend(record.MetricIndex, value);
                break;
            case Plans.MetricKind.Rate:
                metrics.AddRate(record.MetricIndex, value != 0);
                break;
            default:
                metrics.AddCounter(record.MetricIndex, (long)Math.Round(value));
                break;
        }
    }

    /// <summary>
    /// Renders <paramref name="step"/> into the user's request buffers: URL, header lines (with the user's cookies for the
    /// host) and body. False, with the reason, when the rendered URL cannot be sent; a missing variable throws
    /// <see cref="TemplateRenderException"/>.
    /// </summary>
    private static bool TryRender(ScenarioSpec scenario, RequestStep step, VirtualUser user, out string kind, out string problem)
    {
        var request = user.Request;
        request.Begin(step.Name, step.Method, step.Timeout);
        step.Url.Render(user, request.Url);
        kind = "url";
        if (RequestText.IndexOfForbidden(request.Url.WrittenSpan) is var badInUrl and >= 0)
        {
            problem = $"the rendered URL contains {RequestText.Describe(request.Url.WrittenSpan[badInUrl])} at byte {badInUrl} (from a variable, data column or extracted value); the request was not sent";
            return false;
        }

        if (!request.TryParseUrl(out problem))
        {
            return false;
        }

        var headers = step.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.IsFraming)
            {
                continue;
            }

            request.HasHostHeader |= header.IsHost;
            request.Headers.Write(header.LinePrefix);
            var valueStart = request.Headers.Length;
            header.Value.Render(user, request.Headers);

            // A value from a data row or a server's response is checked here, the one place flow headers are rendered for
            // both transports: a CR or LF would inject headers or a second request and desynchronise the connection.
            if (RequestText.IndexOfForbidden(request.Headers.WrittenSpan[valueStart..]) is var bad and >= 0)
            {
                kind = "header";
                problem = $"header '{header.Name}' rendered with {RequestText.Describe(request.Headers.WrittenSpan[valueStart + bad])} at byte {bad} (from a variable, data column or extracted value); the request was not sent";
                return false;
            }

            request.Headers.Write("\r\n"u8);
        }

        if (scenario.Cookies)
        {
            var cookiesStart = request.Headers.Length;
            user.Cookies.WriteHeader(request.Host, request.Headers);
            // The jar writes one "Cookie: …" line ending in CRLF (or nothing); only what is between may not hold CR, LF or NUL.
            var cookieLine = request.Headers.WrittenSpan[cookiesStart..];
            if (RequestText.IndexOfForbidden(cookieLine.IsEmpty ? cookieLine : cookieLine[..^2]) is var badCookie and >= 0)
            {
                kind = "header";
                problem = $"a cookie set by the server holds {RequestText.Describe(request.Headers.WrittenSpan[cookiesStart + badCookie])}; the request was not sent";
                return false;
            }
        }

        if (step.Body is { } body)
        {
            request.HasBody = true;
            body.Render(user, request.Body);
        }

        return true;
    }
}
