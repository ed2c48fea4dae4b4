using System.Globalization;

namespace Pacer.Core.Monitoring;

/// <summary>
/// The result's <c>command</c> source for a service Pacer started: its readings are those of the process watcher given for
/// the service's pid (named after the command, so <c>target_cpu{source:command}</c> selects them), and a service that ends
/// during the run says so every second it is missing, as this source's error. It does not stop the service: whoever started it
/// does, after the run.
/// </summary>
public sealed class ServiceWatcher : ITargetWatcher, ITargetWatcherNotes
{
    private readonly StartedService service;
    private readonly ITargetWatcher? process;

    /// <summary>Watches <paramref name="service"/> through <paramref name="process"/>.</summary>
    /// <param name="service">The started service.</param>
    /// <param name="process">What reads the service's resources (a watcher of its pid and descendants); null reports only whether it runs.</param>
    public ServiceWatcher(StartedService service, ITargetWatcher? process = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        this.service = service;
        this.process = process;
    }

    /// <inheritdoc/>
    public TargetSource Source => service.Source;

    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken) =>
        process?.StartAsync(cancellationToken) ?? ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (service.HasExited)
        {
            var (code, signal) = service.Status();
            var how = code is { } c ? $"exit code {c.ToString(CultureInfo.InvariantCulture)}" : $"signal {signal?.ToString(CultureInfo.InvariantCulture)}";
            throw new InvalidOperationException($"the service ended during the run ({how}); see its log {service.LogPath}");
        }

        return process?.SampleAsync(elapsed, cancellationToken) ?? ValueTask.FromResult<IReadOnlyList<TargetReading>>([]);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken) =>
        process?.AfterRunAsync(window, cancellationToken) ?? ValueTask.FromResult<IReadOnlyList<TargetSeries>>([]);

    /// <inheritdoc/>
    IReadOnlyList<string> ITargetWatcherNotes.TakeNotes() => process is ITargetWatcherNotes noting ? noting.TakeNotes() : [];

    /// <summary>Disposes the process watcher; the service itself goes on until its starter stops it.</summary>
    /// <returns>A task that completes when the process watcher is disposed.</returns>
    public ValueTask DisposeAsync() => process?.DisposeAsync() ?? ValueTask.CompletedTask;
}
