using System.Text;

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// One entry of <c>watch.metrics.select</c>: a metric name (<c>*</c> matches any run of characters) with optional PromQL label
/// matchers, <c>http_requests_total{code=~"5.."}</c>, and the name its reading takes. Every series it matches is summed into
/// that one reading (docs/watching.md#scraping-metrics).
/// </summary>
public sealed class MetricSelection
{
    private MetricSelection(string name, string expression, string metric, IReadOnlyList<LabelMatcher> matchers)
    {
        Name = name;
        Expression = expression;
        Metric = metric;
        Matchers = matchers;
    }

    /// <summary>The name its readings take: the alias, or else the metric name as written (histograms add <c>_p50</c>, <c>_p95</c>, <c>_p99</c>, <c>_rate</c>).</summary>
    public string Name { get; }

    /// <summary>The selector as written, <c>http_requests_total{code=~"5.."}</c>.</summary>
    public string Expression { get; }

    /// <summary>The metric name, possibly with <c>*</c>.</summary>
    internal string Metric { get; }

    internal IReadOnlyList<LabelMatcher> Matchers { get; }

    internal bool IsGlob => Metric.Contains('*', StringComparison.Ordinal);

    /// <summary>Reads a selector, <c>name</c> or <c>name{label="v", label=~"re", label!="v", label!~"re"}</c>.</summary>
    /// <param name="expression">The selector.</param>
    /// <param name="alias">The name its reading takes instead of the metric name; null to keep the metric name.</param>
    /// <exception cref="FormatException">The selector is not valid; the message says where and what would be right.</exception>
    public static MetricSelection Parse(string expression, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        var at = 0;
        while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] is '_' or ':' or '*')) at++;
        var metric = text[..at];
        if (metric.Length == 0 || char.IsAsciiDigit(metric[0]))
        {
            throw Bad(expression, "it must start with a metric name ([a-zA-Z_:] then letters, digits, '_', ':'; '*' matches any run)");
        }

        var matchers = new List<LabelMatcher>();
        if (at < text.Length)
        {
            if (text[at] != '{') throw Bad(expression, $"expected '{{' after the metric name, found '{text[at]}'");
            at++;
            while (true)
            {
                SkipBlanks(text, ref at);
                if (at < text.Length && text[at] == '}')
                {
                    at++;
                    break;
                }

                matchers.Add(ReadMatcher(expression, text, ref at));
                SkipBlanks(text, ref at);
                if (at < text.Length && text[at] == ',')
                {
                    at++;
                    continue;
                }

                if (at >= text.Length || text[at] != '}') throw Bad(expression, "expected ',' or '}' after a label matcher");
            }

            if (at < text.Length) throw Bad(expression, $"unexpected '{text[at..]}' after '}}'");
        }

        if (alias is not null && !IsMetricName(alias))
        {
            throw Bad(expression, $"the name '{alias}' is not a metric name ([a-zA-Z_:] then letters, digits, '_', ':')");
        }

        return new MetricSelection(alias ?? metric, text, metric, matchers);
    }

    /// <summary>The selector as written.</summary>
    public override string ToString() => Name == Metric ? Expression : $"{Name}: {Expression}";

    internal bool MatchesName(string name)
    {
        if (!IsGlob) return name == Metric;
        var pattern = Metric.AsSpan();
        var value = name.AsSpan();
        // Classic '*' glob: remember the last star and backtrack to it; linear enough for metric names.
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (p < pattern.Length && pattern[p] == value[v])
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    internal bool MatchesLabels(ExpositionSample sample)
    {
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(sample)) return false;
        }

        return true;
    }

    private static LabelMatcher ReadMatcher(string expression, string text, ref int at)
    {
        var start = at;
        while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] == '_')) at++;
        var label = text[start..at];
        if (label.Length == 0 || char.IsAsciiDigit(label[0])) throw Bad(expression, "expected a label name in '{…}'");
        SkipBlanks(text, ref at);
        var op = at + 1 < text.Length && text[at..(at + 2)] is "=~" or "!=" or "!~" ? text[at..(at + 2)]
            : at < text.Length && text[at] == '=' ? "=" : null;
        if (op is null) throw Bad(expression, $"expected =, !=, =~ or !~ after label {label}");
        at += op.Length;
        SkipBlanks(text, ref at);
        if (at >= text.Length || text[at] != '"') throw Bad(expression, $"the value for label {label} must be in double quotes");
        at++;
        var value = new StringBuilder();
        while (true)
        {
            if (at >= text.Length) throw Bad(expression, $"the value for label {label} is not closed with '\"'");
            var c = text[at++];
            if (c == '"') break;
            if (c == '\\' && at < text.Length)
            {
                var escaped = text[at++];
                value.Append(escaped switch { 'n' => '\n', '"' => '"', '\\' => '\\', _ => throw Bad(expression, $"invalid escape '\\{escaped}' in the value for label {label}") });
                continue;
            }

            value.Append(c);
        }

        try
        {
            return new LabelMatcher(label, op, value.ToString());
        }
        catch (ArgumentException e)
        {
            throw Bad(expression, $"'{value}' is not a valid regular expression for label {label}: {e.Message}");
        }
    }

    private static void SkipBlanks(string text, ref int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t') at++;
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static FormatException Bad(string expression, string problem) => new($"metric selector '{expression}': {problem}");
}
