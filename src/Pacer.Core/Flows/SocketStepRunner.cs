using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Timing;
using Pacer.Core.Transport;
using Pacer.Core.Transport.WebSockets;

namespace Pacer.Core.Flows;

/// <summary>
/// Runs the WebSocket steps of a virtual user's iteration: opens, sends on, receives from, and closes the user's sockets,
/// and records the <c>ws_*</c> metrics. A request step's round trip runs from its <b>intended</b> send time (the end of the
/// previous step plus any think time) to when its reply's last byte arrived, so a send the generator made late carries its
/// lateness, as an HTTP step's latency does; a stream's messages are each timed from their place in its schedule. Every
/// failure (a refused handshake, a timeout, a peer's close) is counted in <c>ws_errors</c> and reported as the step's error
/// with its kind; it ends the iteration, never the run. Each metric a step feeds is also recorded under the step's own
/// name (<c>ws_msg_rtt{step:NAME}</c>) when the plan keeps one for it.
/// </summary>
internal sealed class SocketStepRunner
{
    /// <summary>How long closing a socket at the end of an iteration or a user's life waits for the peer's close.</summary>
    private static readonly TimeSpan EndCloseTimeout = TimeSpan.FromSeconds(2);

    private readonly CustomMetrics custom;
    private readonly StepResponseHandler responses;
    private readonly CustomMetricFeed records;
    private readonly ScriptErrors errors;
    private readonly WebSocketConnectors connectors;
    private readonly IStepClock clock;
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SocketStep, StepMetricSlots> stepSlots = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> pinged;
    private readonly int sessions;
    private readonly int sessionDuration;
    private readonly int received;
    private readonly int unmatched;

    public SocketStepRunner(RunRecorder recorder, StepResponseHandler responses, ScriptErrors errors, IStepClock clock, WebSocketConnectors? connectors = null, IEnumerable<SocketStep>? steps = null)
    {
        custom = recorder.Custom;
        this.responses = responses;
        this.errors = errors;
        this.clock = clock;
        this.connectors = connectors ?? WebSocketConnectors.Default;
        records = new CustomMetricFeed(custom, errors);
        for (var i = 0; i < custom.Specs.Count; i++)
        {
            slots.TryAdd(custom.Specs[i].Name, i);
        }

        foreach (var (name, kind) in KnownMetrics.WebSocket)
        {
            if (!slots.TryGetValue(name, out var index) || custom.Specs[index].Kind != kind)
            {
                throw new ArgumentException($"the recorder has no metric '{name}': build it with the plan's metrics (a plan with WebSocket steps has the ws_* metrics)", nameof(recorder));
            }
        }

        // Sockets a ping step uses are opened able to ping (the others carry nothing for it).
        pinged = [.. (steps ?? []).OfType<SocketPingStep>().Select(p => p.Socket)];
        sessions = slots["ws_sessions"];
        sessionDuration = slots["ws_session_duration"];
        received = slots["ws_msgs_received"];
        unmatched = slots["ws_msgs_unmatched"];
    }

    /// <summary>Accept any server certificate on wss:// (the plan's <c>insecure_skip_tls_verify</c>).</summary>
    public bool SkipCertificateValidation { get; set; }

    /// <summary>Receives the generator's lateness of each send (Stopwatch ticks after its intended time).</summary>
    public Action<long>? RecordLag { get; init; }

    /// <summary>
    /// Runs <paramref name="step"/> for <paramref name="it"/>'s user; null closes the sockets the iteration opened (its end).
    /// False when the iteration ends here (a failure, or a failed check that aborts it).
    /// </summary>
    public async Task<bool> RunAsync(FlowIteration it, SocketStep? step)
    {
        var user = it.User;
        if (step is null)
        {
            foreach (var socket in user.Sockets.TakeAll(all: false))
            {
                await EndAsync(socket.Session, 1000, EndCloseTimeout, it.Cancellation).ConfigureAwait(false);
            }

            return true;
        }

        var intended = user.NextIntendedTicks;
        return step switch
        {
            SocketConnectStep connect => await ConnectAsync(it, connect).ConfigureAwait(false),
            SocketSendStep send => await SendAsync(it, send, intended).ConfigureAwait(false),
            SocketReceiveStep receive => await ReceiveAsync(it, receive, intended).ConfigureAwait(false),
            SocketRequestStep request => await RequestAsync(it, request, intended).ConfigureAwait(false),
            SocketStreamStep stream => await StreamAsync(it, stream, intended).ConfigureAwait(false),
            SocketHoldStep hold => await HoldAsync(it, hold, intended).ConfigureAwait(false),
            SocketPingStep ping => await PingAsync(it, ping, intended).ConfigureAwait(false),
            _ => await CloseAsync(it, (SocketCloseStep)step).ConfigureAwait(false),
        };
    }

    /// <summary>Closes every socket <paramref name="user"/> still holds (it leaves the run); cut off at once when the run is cancelled.</summary>
    public async Task EndUserAsync(VirtualUser user, CancellationToken cancellationToken)
    {
        foreach (var socket in user.Sockets.TakeAll(all: true))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await socket.Session.DisposeAsync().ConfigureAwait(false);
                custom.AddTrend(sessionDuration, Stopwatch.GetElapsedTime(socket.Session.OpenedTicks, clock.Now).TotalMilliseconds);
                continue;
            }

            await EndAsync(socket.Session, 1000, EndCloseTimeout, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<bool> ConnectAsync(FlowIteration it, SocketConnectStep step)
    {
        var user = it.User;
        if (user.Sockets.TryGet(step.Socket, out var existing))
        {
            if (existing.UserScope && existing.Session.IsOpen)
            {
                // A socket kept for the user's life: a later iteration's connect step finds it open and goes on using it
                // (one the peer closed meanwhile is opened again below).
                return true;
            }

            user.Sockets.Remove(step.Socket, out _);
            await EndAsync(existing.Session, 1000, EndCloseTimeout, it.Cancellation).ConfigureAwait(false);
        }

        string url;
        List<KeyValuePair<string, string>> headers;
        try
        {
            url = step.Url.Render(user);
            headers = [.. step.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value.Render(user)))];
        }
        catch (TemplateRenderException e)
        {
            return Fail(step, "template", e.Message);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || connectors.For(address.Scheme) is not { } connector)
        {
            return Fail(step, "url", $"'{url}' is not a ws:// or wss:// URL");
        }

        if (headers.Find(h => RequestText.IndexOfForbidden(Encoding.UTF8.GetBytes(h.Value)) >= 0) is { Key: not null } bad)
        {
            return Fail(step, "header", $"header '{bad.Key}' rendered with a control character (from a variable, data column or extracted value); the socket was not opened");
        }

        var request = new WebSocketConnectRequest(address, headers, step.Subprotocols, step.Timeout) { SkipCertificateValidation = SkipCertificateValidation, Ping = pinged.Contains(step.Socket) };

        // ws_time_to_first_msg: from the handshake's start to the first message's arrival, recorded by the receive loop then.
        var start = clock.Now;
        var first = 0;
        void OnMessage()
        {
            custom.AddCounter(received, 1);
            if (Interlocked.Exchange(ref first, 1) == 0)
            {
                Trend("ws_time_to_first_msg", step, Stopwatch.GetElapsedTime(start, clock.Now).TotalMilliseconds);
            }
        }

        var (outcome, session) = await connector.ConnectAsync(request, OnMessage, it.Cancellation).ConfigureAwait(false);
        if (session is null)
        {
            return Failed(step, outcome);
        }

        custom.AddCounter(sessions, 1);
        Trend("ws_connecting", step, Stopwatch.GetElapsedTime(outcome.StartTicks, outcome.EndTicks).TotalMilliseconds);
        user.Sockets.Add(step.Socket, new OpenSocket(session, step.UserScope));
        Moved(it, outcome.EndTicks);
        return true;
    }

    private async Task<bool> SendAsync(FlowIteration it, SocketSendStep step, long intended)
    {
        if (Socket(it, step) is not { } session || !TryRender(it.User, step, step.Payload, step.Binary, out var payload))
        {
            return false;
        }

        var outcome = await session.SendAsync(payload, step.Binary, it.Cancellation).ConfigureAwait(false);
        if (!outcome.Ok)
        {
            return Failed(step, outcome);
        }

        Count("ws_msgs_sent", step, 1);
        RecordLag?.Invoke(outcome.StartTicks - intended);
        Moved(it, outcome.EndTicks);
        return true;
    }

    private async Task<bool> ReceiveAsync(FlowIteration it, SocketReceiveStep step, long intended)
    {
        var user = it.User;
        if (Socket(it, step) is not { } session)
        {
            return false;
        }

        var deadline = clock.Now + Ticks(step.Timeout);
        while (true)
        {
            var outcome = await session.ReceiveAsync(Remaining(deadline), it.Cancellation).ConfigureAwait(false);
            if (outcome.Message is not { } message)
            {
                if (outcome.Failure == WebSocketFailure.Timeout && clock.Now < deadline)
                {
                    // A timer may fire a little before its time: the step waits its whole timeout, never less.
                    continue;
                }

                return Failed(step, outcome);
            }

            Fill(user, outcome.StartTicks, message, 0);
            if (step.Match is { } match && !Matches(step, match, user))
            {
                custom.AddCounter(unmatched, 1);
                continue;
            }

            Moved(it, outcome.EndTicks);
            // How long the user waited for it: from the step's intended start; a message already there when it began took no wait.
            return Handle(step, user, ok: true, Math.Max(0, Stopwatch.GetElapsedTime(intended, message.ReceivedTicks).TotalMilliseconds));
        }
    }

    private async Task<bool> RequestAsync(FlowIteration it, SocketRequestStep step, long intended)
    {
        var user = it.User;
        if (Socket(it, step) is not { } session || !TryRender(user, step, step.Payload, binary: false, out var payload))
        {
            return false;
        }

        var correlation = user.Sockets.Correlation;
        correlation.Clear();
        if (step.Correlate.Find(payload.Span, out var key) != JsonLookup.Found)
        {
            return Fail(step, "correlate", $"the message sent has no value at {step.CorrelateText} to pair its reply by (is it JSON with that field?)");
        }

        key.WriteText(payload.Span, correlation);
        var send = await session.SendAsync(payload, binary: false, it.Cancellation).ConfigureAwait(false);
        if (!send.Ok)
        {
            return Failed(step, send);
        }

        Count("ws_msgs_sent", step, 1);
        RecordLag?.Invoke(send.StartTicks - intended);
        var deadline = send.StartTicks + Ticks(step.Timeout);
        while (true)
        {
            var outcome = await session.ReceiveAsync(Remaining(deadline), it.Cancellation).ConfigureAwait(false);
            if (outcome.Message is not { } message)
            {
                if (outcome.Failure == WebSocketFailure.Timeout && clock.Now < deadline)
                {
                    // A timer may fire a little before its time: the step waits its whole timeout, never less.
                    continue;
                }

                return Failed(step, outcome);
            }

            if (step.Correlate.Find(message.Payload, out var found) != JsonLookup.Found || !found.TextEquals(message.Payload, correlation.WrittenSpan))
            {
                custom.AddCounter(unmatched, 1);
                continue;
            }

            // From the intended send, not the actual one: the generator's lateness is the user's wait too. Never clamped.
            var roundTrip = Stopwatch.GetElapsedTime(intended, message.ReceivedTicks).TotalMilliseconds;
            Trend("ws_msg_rtt", step, roundTrip);
            Fill(user, send.StartTicks, message, payload.Length);
            Moved(it, message.ReceivedTicks);
            return Handle(step, user, ok: true, roundTrip);
        }
    }

    /// <summary>
    /// The open model on one socket: message k is due k / rate after the step's intended start and is sent then (never before,
    /// the step clock holds it), while a second task takes the replies in whatever order they come. Sends the generator made
    /// late go out at once, each carrying its lateness (the generator's lag, and in its round trip), none skipped.
    /// </summary>
    private async Task<bool> StreamAsync(FlowIteration it, SocketStreamStep step, long intended)
    {
        var user = it.User;
        if (Socket(it, step) is not { } session)
        {
            return false;
        }

        var period = Stopwatch.Frequency / step.Rate;
        long Due(long k) => intended + (long)Math.Round(k * period);
        var replies = new StreamReplies();
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(it.Cancellation);
        var receiver = step.Correlate is null ? null : StreamRepliesAsync(it, step, session, replies, Due, stopReceiving.Token);
        var ok = true;
        var messages = step.Messages;
        var key = step.Correlate is null ? null : new WireBuffer(64);
        try
        {
            for (long k = 0; k < messages && !replies.Stopping; k++)
            {
                var due = Due(k);
                await StepClockWait.UntilAsync(clock, due, it.Cancellation).ConfigureAwait(false);
                if (replies.Stopping)
                {
                    break;
                }

                if (!TryRender(user, step, step.Payload, step.Binary, out var payload))
                {
                    ok = false;
                    break;
                }

                string? correlation = null;
                if (step.Correlate is { } path)
                {
                    key!.Clear();
                    if (path.Find(payload.Span, out var value) != JsonLookup.Found)
                    {
                        ok = replies.TryFail() && Fail(step, "correlate", $"message {k + 1} has no value at {step.CorrelateText} to pair its reply by (is it JSON with that field?)");
                        break;
                    }

                    value.WriteText(payload.Span, key);
                    correlation = Encoding.UTF8.GetString(key.WrittenSpan);
                    if (!replies.Expect(correlation, due))
                    {
                        ok = replies.TryFail() && Fail(step, "correlate", $"message {k + 1} carries {step.CorrelateText} '{correlation}', as one still awaiting its reply does; render a unique value, e.g. ${{uuid}}");
                        break;
                    }
                }

                var send = await session.SendAsync(payload, step.Binary, it.Cancellation).ConfigureAwait(false);
                replies.Sending(correlation, send.Ok);
                if (!send.Ok)
                {
                    ok = replies.TryFail() && Failed(step, send);
                    break;
                }

                Count("ws_msgs_sent", step, 1);
                RecordLag?.Invoke(send.StartTicks - due);
            }
        }
        finally
        {
            if (replies.SendsDone())
            {
                // Nothing awaits a reply: the receiver has nothing left to wait for.
                await stopReceiving.CancelAsync().ConfigureAwait(false);
            }
        }

        if (receiver is not null)
        {
            ok &= await receiver.ConfigureAwait(false);
        }

        Moved(it, clock.Now);
        return ok && !replies.Stopping;
    }

    /// <summary>
    /// A stream's receiving side: pairs each message with the one it answers (by the correlation value, in any order), records
    /// its round trip from that message's intended send, checks and records it; counts the rest as unmatched; and gives up on
    /// each message whose reply has not come within the step's timeout of its intended send (a <c>ws_timeout</c> each).
    /// </summary>
    private async Task<bool> StreamRepliesAsync(FlowIteration it, SocketStreamStep step, WebSocketSession session, StreamReplies replies, Func<long, long> due, CancellationToken stop)
    {
        await Task.Yield();
        var user = it.User;
        var timeoutTicks = Ticks(step.Timeout);
        var key = new WireBuffer(64);
        var ok = true;
        while (true)
        {
            var expired = replies.Expire(clock.Now, timeoutTicks, due, out var next, out var finished);
            for (var i = 0; i < expired; i++)
            {
                ok = Fail(step, WebSocketFailureNames.Name(WebSocketFailure.Timeout, 0), $"no reply within {step.Timeout.TotalMilliseconds:0.###} ms of the message's intended send");
            }

            if (finished)
            {
                return ok;
            }

            WebSocketOutcome outcome;
            try
            {
                outcome = await session.ReceiveAsync(next == long.MaxValue ? Timeout.InfiniteTimeSpan : Remaining(next), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!it.Cancellation.IsCancellationRequested)
            {
                // The sender is done and nothing awaits a reply: the loop's check above ends it.
                continue;
            }

            if (outcome.Message is not { } message)
            {
                if (outcome.Failure == WebSocketFailure.Timeout)
                {
                    continue;
                }

                // The socket ended: the sender stops; the step's failure is reported once, by whichever side saw it first.
                return replies.TryFail() ? Failed(step, outcome) : false;
            }

            key.Clear();
            if (step.Correlate!.Find(message.Payload, out var found) != JsonLookup.Found)
            {
                custom.AddCounter(unmatched, 1);
                continue;
            }

            found.WriteText(message.Payload, key);
            if (!replies.TryTake(Encoding.UTF8.GetString(key.WrittenSpan), out var intended))
            {
                // Not a reply to a message this stream awaits (another step's, a push, or one already given up on).
                custom.AddCounter(unmatched, 1);
                continue;
            }

            // From the message's intended send (its place in the schedule), never clamped.
            var roundTrip = Stopwatch.GetElapsedTime(intended, message.ReceivedTicks).TotalMilliseconds;
            Trend("ws_msg_rtt", step, roundTrip);
            Fill(user, intended, message, 0);
            if (!Handle(step, user, ok: true, roundTrip))
            {
                replies.Stop();
            }
        }
    }

    /// <summary>
    /// Receives for the hold's duration from its intended start: every message taken is timed against the one before it
    /// (<c>ws_msg_interval</c>); those that pass the match are extracted from, checked and recorded.
    /// </summary>
    private async Task<bool> HoldAsync(FlowIteration it, SocketHoldStep step, long intended)
    {
        var user = it.User;
        if (Socket(it, step) is not { } session)
        {
            return false;
        }

        var deadline = intended + Ticks(step.Duration);
        var previous = 0L;
        while (clock.Now < deadline)
        {
            var outcome = await session.ReceiveAsync(Remaining(deadline), it.Cancellation).ConfigureAwait(false);
            if (outcome.Message is not { } message)
            {
                if (outcome.Failure == WebSocketFailure.Timeout)
                {
                    // The loop's condition decides: a timer may fire a little before the hold's end.
                    continue;
                }

                return Failed(step, outcome);
            }

            if (previous != 0)
            {
                Trend("ws_msg_interval", step, Stopwatch.GetElapsedTime(previous, message.ReceivedTicks).TotalMilliseconds);
            }

            previous = message.ReceivedTicks;
            Fill(user, intended, message, 0);
            if (step.Match is { } match && !Matches(step, match, user))
            {
                custom.AddCounter(unmatched, 1);
                continue;
            }

            if (!Handle(step, user, ok: true, Math.Max(0, Stopwatch.GetElapsedTime(intended, message.ReceivedTicks).TotalMilliseconds)))
            {
                Moved(it, message.ReceivedTicks);
                return false;
            }
        }

        Moved(it, clock.Now);
        return true;
    }

    /// <summary>Pings and times the pong from the ping's intended send (<c>ws_ping</c>); messages meanwhile stay queued.</summary>
    private async Task<bool> PingAsync(FlowIteration it, SocketPingStep step, long intended)
    {
        if (Socket(it, step) is not { } session)
        {
            return false;
        }

        var outcome = await session.PingAsync(step.Timeout, it.Cancellation).ConfigureAwait(false);
        if (!outcome.Ok)
        {
            return Failed(step, outcome);
        }

        RecordLag?.Invoke(outcome.StartTicks - intended);
        Trend("ws_ping", step, Stopwatch.GetElapsedTime(intended, outcome.EndTicks).TotalMilliseconds);
        Moved(it, outcome.EndTicks);
        return true;
    }

    private async Task<bool> CloseAsync(FlowIteration it, SocketCloseStep step)
    {
        if (!it.User.Sockets.Remove(step.Socket, out var socket))
        {
            return Fail(step, WebSocketFailureNames.Name(WebSocketFailure.NotOpen, 0), $"no socket '{step.Socket}' is open to close");
        }

        var outcome = await EndAsync(socket.Session, step.Code, step.Timeout, it.Cancellation, step.Reason).ConfigureAwait(false);
        Moved(it, outcome.EndTicks);
        return true;
    }

    /// <summary>Closes a session and records how long it was open.</summary>
    private async Task<WebSocketOutcome> EndAsync(WebSocketSession session, int code, TimeSpan timeout, CancellationToken cancellationToken, string reason = "")
    {
        var outcome = await session.CloseAsync(code, reason, timeout, cancellationToken).ConfigureAwait(false);
        custom.AddTrend(sessionDuration, Stopwatch.GetElapsedTime(session.OpenedTicks, outcome.EndTicks).TotalMilliseconds);
        return outcome;
    }

    /// <summary>The open session the step uses, or null (reported) when the user holds none of that name.</summary>
    private WebSocketSession? Socket(FlowIteration it, SocketStep step)
    {
        if (it.User.Sockets.TryGet(step.Socket, out var socket))
        {
            return socket.Session;
        }

        Fail(step, WebSocketFailureNames.Name(WebSocketFailure.NotOpen, 0), $"no socket '{step.Socket}' is open (a ws: connect step with socket: {step.Socket} must come first)");
        return null;
    }

    /// <summary>Renders a message into the user's payload buffer (base64-decoded when binary); false (reported) when it cannot be.</summary>
    private bool TryRender(VirtualUser user, SocketStep step, Template template, bool binary, out ReadOnlyMemory<byte> payload)
    {
        var buffer = user.Sockets.Payload;
        buffer.Clear();
        payload = default;
        try
        {
            template.Render(user, buffer);
        }
        catch (TemplateRenderException e)
        {
            return Fail(step, "template", e.Message);
        }

        var length = buffer.Length;
        if (binary && Base64.DecodeFromUtf8InPlace(buffer.Array.AsSpan(0, buffer.Length), out length) != System.Buffers.OperationStatus.Done)
        {
            return Fail(step, "binary", "the binary message did not render as base64; nothing was sent");
        }

        payload = buffer.Array.AsMemory(0, length);
        return true;
    }

    /// <summary>Puts a received message where checks and extractions read a response: its body, and the step's times.</summary>
    private static void Fill(VirtualUser user, long startTicks, WebSocketMessage message, int bytesSent) =>
        user.Response.Fill(new TransportResult(101, ErrorKind.None, startTicks, message.ReceivedTicks, bytesSent, message.Payload.Length), [], message.Payload);

    /// <summary>Whether the message in the user's response passes a receive step's match (a failing pattern is a non-match, reported).</summary>
    private bool Matches(SocketStep step, Plans.Scenarios.Checks.ResponseCheck match, VirtualUser user)
    {
        try
        {
            return match.Passes(user.Response, user, user.Scratch);
        }
        catch (TemplateRenderException e)
        {
            errors.Report(step.Location, step.Name, "match", e.Message);
            return false;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException e)
        {
            // A pattern that runs away on one message does not stop the wait: that message is not the one, reported once.
            errors.Report(step.Location, step.Name, "match", $"match /{e.Pattern}/ gave up on a {user.Response.Body.Length}-byte message");
            return false;
        }
    }

    /// <summary>The iteration's clock moves to the step's end: the next step's intended start.</summary>
    private static void Moved(FlowIteration it, long endTicks)
    {
        it.User.NextIntendedTicks = endTicks;
        it.NotBeforeTicks = 0;
    }

    private bool Failed(SocketStep step, WebSocketOutcome outcome) =>
        Fail(step, WebSocketFailureNames.Name(outcome.Failure, outcome.Code), outcome.Problem);

    /// <summary>Counts a failure of the step in ws_errors and its script errors; the iteration ends here.</summary>
    private bool Fail(SocketStep step, string kind, string problem)
    {
        Count("ws_errors", step, 1);
        errors.Report(step.Location, step.Name, kind, problem);
        return false;
    }

    private TimeSpan Remaining(long deadline) => Stopwatch.GetElapsedTime(clock.Now, Math.Max(deadline, clock.Now));

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Extracts, checks and records on the message in the user's response; false when a failed check ends the iteration.</summary>
    private bool Handle(SocketStep step, VirtualUser user, bool ok, double durationMs)
    {
        var keepGoing = responses.ExtractAndCheck(step.Location, step.Name, step.Extractions, step.Checks, user, out var allPassed);
        var list = step.Records;
        for (var i = 0; i < list.Count; i++)
        {
            records.Record(step.Location, step.Name, list[i], user, ok, allPassed, durationMs);
        }

        return keepGoing;
    }

    /// <summary>Adds a value to a ws trend's total and to the step's own (<c>metric{step:NAME}</c>) when it keeps one.</summary>
    private void Trend(string metric, SocketStep step, double milliseconds)
    {
        custom.AddTrend(slots[metric], milliseconds);
        if (Of(step).TryGet(metric) is { } own)
        {
            custom.AddTrend(own, milliseconds);
        }
    }

    /// <summary>Adds to a ws counter's total and to the step's own when it keeps one.</summary>
    private void Count(string metric, SocketStep step, long value)
    {
        custom.AddCounter(slots[metric], value);
        if (Of(step).TryGet(metric) is { } own)
        {
            custom.AddCounter(own, value);
        }
    }

    private StepMetricSlots Of(SocketStep step) =>
        stepSlots.GetOrAdd(step, static (s, all) => new StepMetricSlots([.. SocketStepMetrics.Of(s)
            .Select(m => (Metric: m, Found: all.TryGetValue(SocketStepMetrics.Tagged(m, s.Name), out var index), Index: index))
            .Where(x => x.Found)
            .Select(x => new KeyValuePair<string, int>(x.Metric, x.Index))]), slots);
}
