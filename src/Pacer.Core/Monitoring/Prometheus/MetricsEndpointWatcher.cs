namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// Scrapes a service's own Prometheus endpoint (<c>--watch-metrics URL</c>, <c>watch.metrics</c>) at every tick of the run and
/// turns the selected metrics into readings: counters into per-second rates, gauges into values, histograms into p50/p95/p99
/// and observations per second, summaries into their own quantiles (docs/watching.md#scraping-metrics). Source kind
/// <c>metrics</c>.
/// </summary>
/// <remarks>
/// A scrape that fails (an HTTP error, refused, slower than <see cref="DefaultTimeout"/>, larger than
/// <see cref="DefaultMaxBytes"/>, not valid text format) is that second's error; the next good scrape's rates span the time
/// since the last good one. A selection that cannot be read truthfully (a mix of types, a summary's quantiles that would need
/// summing) is noted once when first seen, while the other selections go on; a selected metric the endpoint never exposed is
/// noted once, after the run.
/// </remarks>
public sealed class MetricsEndpointWatcher : ITargetWatcher, ITargetWatcherNotes
{
    /// <summary>How long a scrape may take: less than the second it belongs to.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// How long the first scrape, before load, may take: it pays for the first connection and for warming up the code that
    /// reads, and nothing is timed yet (the engine allows a watcher's start 10 s).
    /// </summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The largest exposition read (16 MiB); a larger one is an error.</summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    /// <summary>
    /// What is read when no <c>select</c> is given: the process metrics every official Prometheus client library exports
    /// (CPU as cores, resident memory, open file descriptors), so a bare <c>--watch-metrics URL</c> shows the service's cost.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultSelection = ["process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds"];

    // Prometheus' own preference order: OpenMetrics, then text 0.0.4; both are read, never protobuf.
    private const string Accept = "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private readonly Uri url;
    private readonly TimeProvider time;
    private readonly ScrapeClient client;
    private readonly IReadOnlyList<SelectionReader> readers;
    private readonly bool defaults;
    private readonly HashSet<string> problems = new(StringComparer.Ordinal);
    private readonly List<string> notes = [];
    private long lastScrape;
    private int scrapes;

    /// <summary>Watches the endpoint at <paramref name="url"/>.</summary>
    /// <param name="url">The exposition endpoint, <c>http://127.0.0.1:8080/metrics</c>.</param>
    /// <param name="select">What to read; null or empty for <see cref="DefaultSelection"/>.</param>
    /// <exception cref="ArgumentException">The URL is not http(s), or two selections would give readings of the same name.</exception>
    public MetricsEndpointWatcher(Uri url, IReadOnlyList<MetricSelection>? select = null)
        : this(url, select, TimeProvider.System, DefaultTimeout, DefaultMaxBytes, handler: null)
    {
    }

    internal MetricsEndpointWatcher(Uri url, IReadOnlyList<MetricSelection>? select, TimeProvider time, TimeSpan timeout, long maxBytes, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"the metrics endpoint '{url}' must be an http:// or https:// URL", nameof(url));
        }

        defaults = select is null || select.Count == 0;
        var selections = defaults ? DefaultSelection.Select(name => MetricSelection.Parse(name)).ToList() : select!;
        var duplicate = selections.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two metrics selections read as '{duplicate.Key}' ({string.Join(", ", duplicate.Select(s => s.Expression))}); give one a name", nameof(select));
        }

        this.url = url;
        this.time = time;
        client = new ScrapeClient(time, timeout, maxBytes, handler);
        readers = selections.Select(s => new SelectionReader(s)).ToList();
        Source = new TargetSource("metrics", url.ToString());
    }

    /// <inheritdoc/>
    public TargetSource Source { get; }

    /// <summary>The selections read, in order.</summary>
    public IReadOnlyList<MetricSelection> Selections => readers.Select(r => r.Selection).ToList();

    /// <inheritdoc/>
    public async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        var (index, receivedAt) = await FetchAsync(cancellationToken, StartTimeout);
        Read(index, receivedAt, seconds: null);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var previous = lastScrape;
        var (index, receivedAt) = await FetchAsync(cancellationToken);
        var seconds = time.GetElapsedTime(previous, receivedAt).TotalSeconds;
        // Two answers stamped at the same instant (only a stopped test clock does that) give no rate; the counters move on.
        return Read(index, receivedAt, seconds > 0 ? seconds : null);
    }

    /// <summary>Notes, once, the selected metrics the endpoint never exposed; no series (this source is read live).</summary>
    /// <param name="window">Unused: this source is read live.</param>
    /// <param name="cancellationToken">Unused.</param>
    public ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken)
    {
        // Only now is "never" known: a series such as errors may first appear in the run's last second.
        var missing = readers.Where(r => !r.EverFound).Select(r => r.Selection.Metric).ToList();
        if (scrapes > 0 && defaults && missing.Count == readers.Count)
        {
            Note($"none of the default metrics ({string.Join(", ", DefaultSelection)}) found in the exposition; name what to read with select");
        }
        else if (scrapes > 0 && !defaults && missing.Count > 0)
        {
            Note(missing.Count == 1
                ? $"metric {missing[0]} not found in the exposition"
                : $"metrics {string.Join(", ", missing)} not found in the exposition");
        }

        return ValueTask.FromResult<IReadOnlyList<TargetSeries>>([]);
    }

    /// <summary>What went partly wrong since the last call (a selection that cannot be read, metrics never exposed), each once.</summary>
    IReadOnlyList<string> ITargetWatcherNotes.TakeNotes()
    {
        lock (notes)
        {
            var taken = notes.ToList();
            notes.Clear();
            return taken;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(ExpositionIndex Index, long ReceivedAt)> FetchAsync(CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var (body, receivedAt) = await client.GetAsync(url, Accept, cancellationToken, limit);
        try
        {
            return (new ExpositionIndex(ExpositionParser.Parse(body)), receivedAt);
        }
        catch (ExpositionFormatException e)
        {
            throw new ScrapeException($"the exposition at {url} is not valid text format: {e.Message}", e);
        }
    }

    private List<TargetReading> Read(ExpositionIndex index, long receivedAt, double? seconds)
    {
        var readings = new List<TargetReading>();
        foreach (var reader in readers)
        {
            if (reader.Read(index, seconds, readings) is { } problem && problems.Add(problem)) Note(problem);
        }

        lastScrape = receivedAt;
        scrapes++;
        return readings;
    }

    private void Note(string note)
    {
        lock (notes) notes.Add(note);
    }
}
