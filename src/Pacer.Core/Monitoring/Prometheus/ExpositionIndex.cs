namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// A scrape arranged by the names selectors address. Samples are assigned to the family their <c># TYPE</c> line names,
/// directly or through the suffixes the formats add (<c>_bucket</c>, <c>_count</c>, <c>_sum</c>, OpenMetrics' <c>_total</c>,
/// <c>_created</c>, <c>_gcount</c>, <c>_gsum</c>, <c>_info</c>); a sample of no declared family is untyped, read as a
/// counter when its name ends in <c>_total</c> (the OpenMetrics convention) and as a gauge otherwise.
/// </summary>
internal sealed class ExpositionIndex
{
    private static readonly string[] Suffixes = ["_bucket", "_count", "_sum", "_total", "_created", "_gcount", "_gsum", "_info"];

    private readonly List<MetricView> views = [];

    public ExpositionIndex(Exposition exposition)
    {
        var byFamily = new Dictionary<string, (MetricType Type, Dictionary<string, List<ExpositionSample>> Roles)>(StringComparer.Ordinal);
        foreach (var sample in exposition.Samples)
        {
            var (family, type, role) = Classify(sample.Name, exposition.Types);
            // A _created sample is the time a series was created, not a measurement.
            if (role == "_created") continue;
            if (!byFamily.TryGetValue(family, out var entry)) byFamily[family] = entry = (type, new(StringComparer.Ordinal));
            if (!entry.Roles.TryGetValue(role, out var list)) entry.Roles[role] = list = [];
            list.Add(sample);
        }

        foreach (var (family, (type, roles)) in byFamily)
        {
            List<ExpositionSample> Role(string role) => roles.TryGetValue(role, out var list) ? list : [];
            switch (type)
            {
                case MetricType.Counter:
                    var values = Role("").Concat(Role("_total")).ToList();
                    Add(family, family, SelectionKind.Counter, true, values);
                    if (roles.ContainsKey("_total")) Add(family + "_total", family, SelectionKind.Counter, true, values);
                    break;
                case MetricType.Histogram:
                    Add(family, family, SelectionKind.Histogram, true, Role("_bucket"));
                    AddParts(family, roles);
                    break;
                case MetricType.Summary:
                    views.Add(new MetricView(family, family, SelectionKind.Summary, true, Role(""), Role("_count")));
                    AddParts(family, roles);
                    break;
                case MetricType.GaugeHistogram:
                    // Its buckets are gauges of a distribution, not increases; only its totals are read.
                    Add(family + "_gcount", family + "_gcount", SelectionKind.Gauge, false, Role("_gcount"));
                    Add(family + "_gsum", family + "_gsum", SelectionKind.Gauge, false, Role("_gsum"));
                    break;
                case MetricType.Info:
                    Add(family, family, SelectionKind.Gauge, true, Role("").Concat(Role("_info")).ToList());
                    if (roles.ContainsKey("_info")) Add(family + "_info", family, SelectionKind.Gauge, true, Role("_info"));
                    break;
                case MetricType.Untyped when family.EndsWith("_total", StringComparison.Ordinal):
                    Add(family, family, SelectionKind.Counter, true, Role(""));
                    break;
                default:
                    Add(family, family, SelectionKind.Gauge, true, Role(""));
                    break;
            }
        }
    }

    /// <summary>The views <paramref name="selection"/> addresses: by exact name any of them, by a <c>*</c> pattern the primary ones; one per family.</summary>
    public IReadOnlyList<MetricView> Find(MetricSelection selection)
    {
        var found = new List<MetricView>();
        foreach (var view in views)
        {
            if (selection.IsGlob ? !view.Primary || !selection.MatchesName(view.Name) : view.Name != selection.Metric) continue;
            if (found.Exists(other => other.Family == view.Family && other.Kind == view.Kind)) continue;
            found.Add(view);
        }

        return found;
    }

    private void AddParts(string family, Dictionary<string, List<ExpositionSample>> roles)
    {
        foreach (var part in new[] { "_count", "_sum" })
        {
            if (roles.TryGetValue(part, out var samples)) Add(family + part, family + part, SelectionKind.Counter, false, samples);
        }
    }

    private void Add(string name, string family, SelectionKind kind, bool primary, IReadOnlyList<ExpositionSample> samples) =>
        views.Add(new MetricView(name, family, kind, primary, samples, []));

    private static (string Family, MetricType Type, string Role) Classify(string name, IReadOnlyDictionary<string, MetricType> types)
    {
        if (types.TryGetValue(name, out var declared)) return (name, declared, "");
        foreach (var suffix in Suffixes)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal) || !types.TryGetValue(name[..^suffix.Length], out var type)) continue;
            var fits = suffix switch
            {
                "_bucket" => type is MetricType.Histogram or MetricType.GaugeHistogram,
                "_count" or "_sum" => type is MetricType.Histogram or MetricType.Summary,
                "_total" => type == MetricType.Counter,
                "_created" => type is MetricType.Counter or MetricType.Histogram or MetricType.Summary,
                "_gcount" or "_gsum" => type == MetricType.GaugeHistogram,
                _ => type == MetricType.Info,
            };
            if (fits) return (name[..^suffix.Length], type, suffix);
        }

        return (name, MetricType.Untyped, "");
    }
}
