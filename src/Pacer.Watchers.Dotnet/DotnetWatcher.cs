using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Pacer.Core.Monitoring;

namespace Pacer.Watchers.Dotnet;

/// <summary>
/// Watches a .NET process's runtime through an EventPipe session on its diagnostic port (source kind <c>dotnet</c>): GC heap,
/// collections by generation, time paused by GC, thread-pool queue and threads, exceptions and allocation rate, as the
/// standard <c>dotnet_*</c> metrics (docs/watching.md#net-targets). Nothing is installed in the target.
/// </summary>
/// <remarks>
/// The session enables only the <c>System.Runtime</c> EventCounters, once a second, without rundown: the target polls about
/// thirty counters a second and sends a few kilobytes. The counters arrive on a background thread; each
/// <see cref="SampleAsync"/> returns gauges from the latest complete interval and rates over every interval completed since
/// the previous sample, divided by the time the runtime measured for them. EventPipe delivers in blocks, so readings trail
/// the run's tick by one to two seconds. A target that exits, or stops sending, makes each sample throw (its source's error).
/// </remarks>
public sealed class DotnetWatcher : ITargetWatcher
{
    /// <summary>How long the runtime may take to answer on its diagnostic port before the watcher gives up.</summary>
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long stopping the session, and the reading thread's end, may take each.</summary>
    internal static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Counters come once a second, plus a second or so of delivery; this long without one means the runtime stopped sending
    /// (suspended, or its session is gone) and the readings would be stale.
    /// </summary>
    internal static readonly TimeSpan Silence = TimeSpan.FromSeconds(5);

    private readonly int _processId;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CounterBatcher _batcher = new();
    private readonly DotnetReadings _readings = new();
    private EventPipeSession? _session;
    private Task? _pump;
    private long _lastBatch;
    private string? _ended;
    private volatile bool _disposing;

    /// <summary>Watches the .NET process <paramref name="processId"/>; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <param name="processId">The target's pid (<see cref="DotnetProcess.IsDotnet"/> tells whether it can be watched).</param>
    public DotnetWatcher(int processId)
        : this(processId, TimeProvider.System)
    {
    }

    internal DotnetWatcher(int processId, TimeProvider time)
    {
        _processId = processId;
        _time = time;
        Source = new TargetSource("dotnet", processId.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public TargetSource Source { get; }

    /// <summary>Opens the EventPipe session; throws when the process is not .NET, has no diagnostic port or does not answer.</summary>
    /// <param name="cancellationToken">Cancelled when the run no longer waits.</param>
    public async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposing, this);
        if (_session is not null)
        {
            throw new InvalidOperationException($"{Source} is already being watched");
        }

        if (DotnetProcess.Problem(_processId) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var providers = new[]
        {
            // Level and keywords select no runtime events, only the counters; no rundown: it would walk every loaded
            // method at the session's end, a cost the target pays for nothing the watcher reads.
            new EventPipeProvider(
                RuntimeCounters.Provider,
                EventLevel.Informational,
                (long)EventKeywords.None,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
        };
        var start = new DiagnosticsClient(_processId).StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 2, cancellationToken);
        try
        {
            _session = await start.WaitAsync(ConnectTimeout, _time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // The session may still open later: close it then, so the target does not keep sending to nobody.
            _ = start.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new TimeoutException($"pid {_processId}: the .NET runtime did not answer on its diagnostic port within {ConnectTimeout.TotalSeconds:0} s");
        }
        catch (ServerNotAvailableException e)
        {
            throw new InvalidOperationException($"pid {_processId}: cannot reach its diagnostic port ({e.Message})", e);
        }

        lock (_gate)
        {
            _lastBatch = _time.GetTimestamp();
        }

        var session = _session;
        _pump = Task.Factory.StartNew(() => Pump(session), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The runtime's readings since the previous sample: gauges from its latest interval, rates over the intervals since.</summary>
    /// <param name="elapsed">The run's tick the readings belong to.</param>
    /// <param name="cancellationToken">Not used: a sample only reads what the session already delivered.</param>
    public ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_session is null)
            {
                throw new InvalidOperationException($"{Source} was not started");
            }

            if (_ended is { } ended)
            {
                throw new InvalidOperationException(EndedMessage(ended));
            }

            var silent = _time.GetElapsedTime(_lastBatch);
            if (silent > Silence)
            {
                // One wording for every second of it: the run counts repeated errors, and a changing number would list each.
                throw new TimeoutException($"no counters from pid {_processId} for over {Silence.TotalSeconds:0} s (is the runtime suspended?)");
            }

            return ValueTask.FromResult(_readings.Take());
        }
    }

    /// <summary>Nothing: the runtime is read live.</summary>
    /// <param name="window">Not used.</param>
    /// <param name="cancellationToken">Not used.</param>
    public ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TargetSeries>>([]);

    /// <summary>Stops the session (bounded: a target that exited or hangs cannot hold the run) and ends the reading thread.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing)
        {
            return;
        }

        _disposing = true;
        if (_session is not { } session)
        {
            return;
        }

        try
        {
            // Stop asks the runtime to end the session and flush; the reading thread then sees the stream's end.
            await Task.Run(session.Stop).WaitAsync(StopTimeout, _time);
        }
        catch (Exception e) when (e is ServerNotAvailableException or ServerErrorException or IOException or TimeoutException or UnsupportedCommandException or ObjectDisposedException)
        {
            // A target that exited or does not answer cannot be asked to stop; closing the stream below ends the session.
        }

        await WaitForPumpAsync();
        session.Dispose();
        await WaitForPumpAsync();
    }

    private async Task WaitForPumpAsync()
    {
        if (_pump is not { IsCompleted: false } pump)
        {
            return;
        }

        try
        {
            await pump.WaitAsync(StopTimeout, _time);
        }
        catch (TimeoutException)
        {
            // A read still blocked on the target's socket: disposing the session closes it; the thread ends on its own.
        }
    }

    /// <summary>Reads the session's stream until it ends (the target exited, or the session stopped), on its own thread.</summary>
    private void Pump(EventPipeSession session)
    {
        string reason;
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += OnEvent;
            source.Process();
            reason = "its EventPipe session ended";
        }
        catch (Exception e)
        {
            // Whatever ends the stream (a closed socket, a torn block from an exiting target) ends this source only: it is
            // recorded as the source's error at the next sample, never thrown into the run.
            reason = $"reading its EventPipe session failed ({e.GetType().Name}: {e.Message})";
        }

        lock (_gate)
        {
            _ended = reason;
        }
    }

    /// <summary>
    /// Why the source ended, told when a sample asks rather than when the stream broke: the socket closes while an exiting
    /// process still shows in /proc, and a moment later it is plainly gone (or a zombie).
    /// </summary>
    private string EndedMessage(string reason)
    {
        if (OperatingSystem.IsLinux())
        {
            string? stat = null;
            try
            {
                stat = File.ReadAllText($"/proc/{_processId}/stat");
            }
            catch (IOException)
            {
                // No such process any more: it exited.
            }

            // "pid (comm) state …": state Z is a process that exited and was not yet reaped by its parent.
            if (stat is null || stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return $"pid {_processId} exited";
            }
        }

        return $"pid {_processId}: {reason}";
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName != "EventCounters" || data.ProviderName != RuntimeCounters.Provider
            || data.PayloadValue(0) is not IDictionary<string, object> outer
            || !outer.TryGetValue("Payload", out var inner) || inner is not IDictionary<string, object> fields
            || CounterPayload.TryRead(fields) is not { } payload)
        {
            return;
        }

        // Only the reading thread touches the batcher; the lock guards what samples read.
        if (_batcher.Add(payload) is { } batch)
        {
            lock (_gate)
            {
                _readings.Add(batch);
                _lastBatch = _time.GetTimestamp();
            }
        }
    }
}
