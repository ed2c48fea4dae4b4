using System.Globalization;

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// Asks a Prometheus server, once the run is over, for PromQL queries over the run's time span (<c>watch.prometheus</c>):
/// <c>/api/v1/query_range</c> at a 1 s step, each query one series named after its key, its points put on the run's tick
/// seconds (docs/watching.md#scraping-metrics). Source kind <c>prometheus</c>. For services Pacer cannot see directly.
/// </summary>
/// <remarks>
/// A query must return one series: several are an error rather than a sum (a sum of quantiles or ratios is not a number that
/// can be true; PromQL aggregates better than a guess). A query that returns nothing gives no points, without an error (PromQL
/// returns nothing for a series that does not exist, such as errors that never happened). A query that fails is one error of
/// the source, and the other queries' series are kept.
/// </remarks>
public sealed class PrometheusQueryWatcher : ITargetWatcher, ITargetWatcherNotes
{
    /// <summary>How long one range request may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The points asked for in one request; Prometheus refuses more than 11,000 per series, so longer runs are asked for in parts.</summary>
    internal const int PointsPerRequest = 10_000;

    private readonly Uri server;
    private readonly IReadOnlyList<KeyValuePair<string, string>> queries;
    private readonly ScrapeClient client;
    private readonly List<string> notes = [];

    /// <summary>Queries <paramref name="server"/> after the run.</summary>
    /// <param name="server">The Prometheus server, <c>http://127.0.0.1:9090</c> (a path prefix such as <c>/prometheus</c> is kept).</param>
    /// <param name="queries">Name → PromQL, in order; the name is the metric's name in the result and decides its unit.</param>
    /// <exception cref="ArgumentException">The URL is not http(s), there are no queries, or a name or query is empty or not a metric name.</exception>
    public PrometheusQueryWatcher(Uri server, IReadOnlyList<KeyValuePair<string, string>> queries)
        : this(server, queries, TimeProvider.System, DefaultTimeout, MetricsEndpointWatcher.DefaultMaxBytes, handler: null)
    {
    }

    internal PrometheusQueryWatcher(Uri server, IReadOnlyList<KeyValuePair<string, string>> queries, TimeProvider time, TimeSpan timeout, long maxBytes, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(queries);
        if (!server.IsAbsoluteUri || server.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"the Prometheus server '{server}' must be an http:// or https:// URL", nameof(server));
        }

        if (queries.Count == 0) throw new ArgumentException("watch.prometheus needs at least one query (name: PromQL)", nameof(queries));
        foreach (var (name, query) in queries)
        {
            if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
            {
                throw new ArgumentException($"the query name '{name}' is not a metric name ([a-zA-Z_:] then letters, digits, '_', ':')", nameof(queries));
            }

            if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException($"the query {name} is empty", nameof(queries));
        }

        var duplicate = queries.GroupBy(q => q.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two queries are named {duplicate.Key}", nameof(queries));

        this.server = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        this.queries = queries;
        client = new ScrapeClient(time, timeout, maxBytes, handler);
        Source = new TargetSource("prometheus", server.ToString());
    }

    /// <inheritdoc/>
    public TargetSource Source { get; }

    /// <summary>Nothing to do before load: the server is asked only after the run.</summary>
    /// <param name="cancellationToken">Unused.</param>
    public ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>No live readings: this source is asked after the run.</summary>
    /// <param name="elapsed">Unused.</param>
    /// <param name="cancellationToken">Unused.</param>
    public ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TargetReading>>([]);

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Ticks.Count == 0) return [];
        var answers = await Task.WhenAll(queries.Select(async query =>
        {
            try
            {
                return (Series: await QueryAsync(query.Key, query.Value, window, cancellationToken), Error: (string?)null);
            }
            catch (ScrapeException e)
            {
                // One query's failure is its own note: the other queries' series still count.
                return (Series: (TargetSeries?)null, Error: e.Message);
            }
        }));

        lock (notes) notes.AddRange(answers.Where(a => a.Error is not null).Select(a => a.Error!));
        return [.. answers.Where(a => a.Series is not null).Select(a => a.Series!)];
    }

    /// <summary>The queries that failed, each once with what Prometheus said.</summary>
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

    private async Task<TargetSeries> QueryAsync(string name, string query, TargetWindow window, CancellationToken cancellationToken)
    {
        // Evaluated at run start + each tick second: with a 1 s step from the first tick, Prometheus' own evaluation times
        // are the ticks themselves, so alignment is exact but for the run's fractional last second.
        var first = window.StartedUtc.ToUnixTimeMilliseconds() / 1000.0 + window.Ticks[0];
        var last = window.StartedUtc.ToUnixTimeMilliseconds() / 1000.0 + window.Ticks[^1];
        var points = new List<(double, double)>();
        for (var start = first; start <= last; start += PointsPerRequest)
        {
            var end = Math.Min(last, start + PointsPerRequest - 1);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "api/v1/query_range"))
            {
                Content = new FormUrlEncodedContent(
                [
                    new("query", query),
                    new("start", start.ToString("0.###", CultureInfo.InvariantCulture)),
                    new("end", end.ToString("0.###", CultureInfo.InvariantCulture)),
                    new("step", "1"),
                ]),
            };
            var (status, reason, body, _) = await client.SendAsync(request, cancellationToken);
            points.AddRange(RangeQueryAnswer.Read(name, status, reason, body));
        }

        var (unit, scale) = ScrapeUnits.OfQuery(name);
        var aligned = TickAlignment.Align(points.Select(p => (p.Item1, p.Item2 * scale)), window.StartedUtc, window.Ticks);
        return new TargetSeries(name, unit, aligned);
    }
}
