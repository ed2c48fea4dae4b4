using System.Buffers.Text;
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
/// lateness, as an HTTP step's latency does. Every failure (a refused handshake, a timeout, a peer's close) is counted in
/// <c>ws_errors</c> and reported as the step's error with its kind; it ends the iteration, never the run.
/// </summary>
internal sealed class SocketStepRunner
{
    /// <summary>How long closing a socket at the end of an iteration or a user's life waits for the peer's close.</summary>
    private static readonly TimeSpan EndCloseTimeout = TimeSpan.FromSeconds(2);

    private readonly CustomMetrics custom;
    private readonly StepResponseHandler responses;
    private readonly ScriptErrors errors;
    private readonly WebSocketConnectors connectors;
    private readonly IStepClock clock;
    private readonly Action onMessage;
    private readonly int connecting;
    private readonly int sessions;
    private readonly int sessionDuration;
    private readonly int sent;
    private readonly int received;
    private readonly int unmatched;
    private readonly int roundTrip;
    private readonly int failures;

    public SocketStepRunner(RunRecorder recorder, StepResponseHandler responses, ScriptErrors errors, IStepClock clock, WebSocketConnectors? connectors = null)
    {
        custom = recorder.Custom;
        this.responses = responses;
        this.errors = errors;
        this.clock = clock;
        this.connectors = connectors ?? WebSocketConnectors.Default;
        connecting = Slot("ws_connecting");
        sessions = Slot("ws_sessions");
        sessionDuration = Slot("ws_session_duration");
        sent = Slot("ws_msgs_sent");
        received = Slot("ws_msgs_received");
        unmatched = Slot("ws_msgs_unmatched");
        roundTrip = Slot("ws_msg_rtt");
        failures = Slot("ws_errors");
        onMessage = () => custom.AddCounter(received, 1);
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
            SocketReceiveStep receive => await ReceiveAsync(it, receive).ConfigureAwait(false),
            SocketRequestStep request => await RequestAsync(it, request, intended).ConfigureAwait(false),
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

        var request = new WebSocketConnectRequest(address, headers, step.Subprotocols, step.Timeout) { SkipCertificateValidation = SkipCertificateValidation };
        var (outcome, session) = await connector.ConnectAsync(request, onMessage, it.Cancellation).ConfigureAwait(false);
        if (session is null)
        {
            return Failed(step, outcome);
        }

        custom.AddCounter(sessions, 1);
        custom.AddTrend(connecting, Stopwatch.GetElapsedTime(outcome.StartTicks, outcome.EndTicks).TotalMilliseconds);
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

        custom.AddCounter(sent, 1);
        RecordLag?.Invoke(outcome.StartTicks - intended);
        Moved(it, outcome.EndTicks);
        return true;
    }

    private async Task<bool> ReceiveAsync(FlowIteration it, SocketReceiveStep step)
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
            return responses.ExtractAndCheck(step.Location, step.Name, step.Extractions, step.Checks, user, out _);
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

        custom.AddCounter(sent, 1);
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
            custom.AddTrend(roundTrip, Stopwatch.GetElapsedTime(intended, message.ReceivedTicks).TotalMilliseconds);
            Fill(user, send.StartTicks, message, payload.Length);
            Moved(it, message.ReceivedTicks);
            return responses.ExtractAndCheck(step.Location, step.Name, step.Extractions, step.Checks, user, out _);
        }
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
    private bool Matches(SocketReceiveStep step, Plans.Scenarios.Checks.ResponseCheck match, VirtualUser user)
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
        custom.AddCounter(failures, 1);
        errors.Report(step.Location, step.Name, kind, problem);
        return false;
    }

    private TimeSpan Remaining(long deadline) => Stopwatch.GetElapsedTime(clock.Now, Math.Max(deadline, clock.Now));

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private int Slot(string name)
    {
        for (var i = 0; i < custom.Specs.Count; i++)
        {
            if (custom.Specs[i].Name == name && custom.Specs[i].Kind == KnownMetrics.WebSocket[name])
            {
                return i;
            }
        }

        throw new ArgumentException($"the recorder has no metric '{name}': build it with the plan's metrics (a plan with WebSocket steps has the ws_* metrics)", nameof(custom));
    }
}
