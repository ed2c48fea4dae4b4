using System.Globalization;
using System.Text;

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// Reads the Prometheus text exposition format 0.0.4 and the basics of OpenMetrics 1.0 (<c># EOF</c>, <c># UNIT</c>,
/// <c>_created</c> samples, exemplars after <c> # </c>, float-second timestamps). Written here because no package for it is
/// available, and kept strict where a lenient reading would turn a broken endpoint into wrong numbers: every malformed line is
/// an <see cref="ExpositionFormatException"/> naming its line.
/// </summary>
internal static class ExpositionParser
{
    public static Exposition Parse(string text)
    {
        var samples = new List<ExpositionSample>();
        var types = new Dictionary<string, MetricType>(StringComparer.Ordinal);
        var lineNumber = 0;
        var position = 0;
        var sawEof = false;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0) end = text.Length;
            lineNumber++;
            var line = text.AsSpan(position, end - position);
            position = end + 1;
            if (line.EndsWith("\r")) line = line[..^1];
            if (line.IsWhiteSpace()) continue;
            if (sawEof) throw new ExpositionFormatException(lineNumber, "content after '# EOF' (OpenMetrics ends the exposition there)");
            if (line[0] == '#')
            {
                sawEof = ReadComment(line, lineNumber, types);
                continue;
            }

            samples.Add(new LineReader(line.ToString(), lineNumber).ReadSample());
        }

        return new Exposition(samples, types);
    }

    /// <summary>Reads a <c>#</c> line; true when it is OpenMetrics' <c># EOF</c>.</summary>
    private static bool ReadComment(ReadOnlySpan<char> line, int lineNumber, Dictionary<string, MetricType> types)
    {
        var rest = line[1..].TrimStart(" \t");
        if (rest.SequenceEqual("EOF")) return true;
        var keywordEnd = rest.IndexOfAny(' ', '\t');
        var keyword = keywordEnd < 0 ? rest : rest[..keywordEnd];
        // Only HELP, TYPE and UNIT have a grammar; any other '#' line is a free comment.
        if (!keyword.SequenceEqual("TYPE") && !keyword.SequenceEqual("HELP") && !keyword.SequenceEqual("UNIT")) return false;
        var reader = new LineReader(rest[keyword.Length..].ToString(), lineNumber);
        reader.SkipBlanks();
        var name = reader.ReadMetricName($"a metric name after '# {keyword}'");
        if (!keyword.SequenceEqual("TYPE")) return false;
        reader.SkipBlanks();
        var typeName = reader.Rest().TrimEnd();
        var type = typeName switch
        {
            "counter" => MetricType.Counter,
            "gauge" => MetricType.Gauge,
            "histogram" => MetricType.Histogram,
            "summary" => MetricType.Summary,
            "untyped" or "unknown" => MetricType.Untyped,
            "gaugehistogram" => MetricType.GaugeHistogram,
            "stateset" => MetricType.StateSet,
            "info" => MetricType.Info,
            _ => throw new ExpositionFormatException(lineNumber, $"unknown metric type '{typeName}' for {name} (counter, gauge, histogram, summary or untyped)"),
        };
        if (!types.TryAdd(name, type)) throw new ExpositionFormatException(lineNumber, $"a second TYPE line for {name}");
        return false;
    }

    /// <summary>A cursor over one line.</summary>
    private sealed class LineReader(string line, int lineNumber)
    {
        private int at;

        public ExpositionSample ReadSample()
        {
            var name = ReadMetricName("a metric name at the start of the line");
            SkipBlanks();
            var labels = Peek() == '{' ? ReadLabels(name) : [];
            SkipBlanks();
            var value = ReadValue(name);
            SkipBlanks();
            long? timestamp = null;
            if (at < line.Length && line[at] != '#') timestamp = ReadTimestamp(name);
            SkipBlanks();
            // OpenMetrics puts an exemplar after " # "; Pacer has no use for it, so the rest of the line is not read.
            if (at < line.Length && line[at] != '#') throw Error($"unexpected '{Rest()}' after the value of {name}");
            return new ExpositionSample(name, labels, value, timestamp, lineNumber);
        }

        public string ReadMetricName(string what)
        {
            var start = at;
            if (at < line.Length && (char.IsAsciiLetter(line[at]) || line[at] is '_' or ':'))
            {
                at++;
                while (at < line.Length && (char.IsAsciiLetterOrDigit(line[at]) || line[at] is '_' or ':')) at++;
            }

            if (at == start) throw Error($"expected {what}, found {Found()}");
            return line[start..at];
        }

        public void SkipBlanks()
        {
            while (at < line.Length && line[at] is ' ' or '\t') at++;
        }

        public string Rest() => line[at..];

        private char Peek() => at < line.Length ? line[at] : '\0';

        private List<KeyValuePair<string, string>> ReadLabels(string metric)
        {
            var labels = new List<KeyValuePair<string, string>>();
            at++; // '{'
            while (true)
            {
                SkipBlanks();
                if (Peek() == '}')
                {
                    at++;
                    return labels;
                }

                var start = at;
                if (char.IsAsciiLetter(Peek()) || Peek() == '_')
                {
                    at++;
                    while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_') at++;
                }

                if (at == start) throw Error($"expected a label name or '}}' in the labels of {metric}, found {Found()}");
                var labelName = line[start..at];
                SkipBlanks();
                if (Peek() != '=') throw Error($"expected '=' after label {labelName} of {metric}, found {Found()}");
                at++;
                SkipBlanks();
                if (Peek() != '"') throw Error($"expected '\"' to open the value of label {labelName} of {metric}, found {Found()}");
                at++;
                var value = ReadLabelValue(labelName, metric);
                if (labels.Exists(label => label.Key == labelName)) throw Error($"label {labelName} appears twice on {metric}");
                labels.Add(new(labelName, value));
                SkipBlanks();
                if (Peek() == ',')
                {
                    at++;
                    continue;
                }

                if (Peek() != '}') throw Error($"expected ',' or '}}' after label {labelName} of {metric}, found {Found()}");
            }
        }

        private string ReadLabelValue(string labelName, string metric)
        {
            var value = new StringBuilder();
            while (true)
            {
                if (at >= line.Length) throw Error($"the value of label {labelName} of {metric} is not closed with '\"'");
                var c = line[at++];
                if (c == '"') return value.ToString();
                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                if (at >= line.Length) throw Error($"the value of label {labelName} of {metric} ends in a lone '\\'");
                var escaped = line[at++];
                value.Append(escaped switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    _ => throw Error($"invalid escape '\\{escaped}' in label {labelName} of {metric} (only \\\\, \\\" and \\n are allowed)"),
                });
            }
        }

        private double ReadValue(string metric)
        {
            var token = ReadToken();
            if (token.Length == 0) throw Error($"expected a value after {metric}, found {Found()}");
            // Go's strconv.ParseFloat, which Prometheus uses, takes these spellings in any case.
            switch (token.ToLowerInvariant())
            {
                case "+inf" or "inf" or "+infinity" or "infinity": return double.PositiveInfinity;
                case "-inf" or "-infinity": return double.NegativeInfinity;
                case "nan": return double.NaN;
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
            throw Error($"'{token}' is not a number (the value of {metric}; +Inf, -Inf and NaN are allowed)");
        }

        private long ReadTimestamp(string metric)
        {
            var token = ReadToken();
            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds)) return milliseconds;
            // OpenMetrics writes timestamps as (fractional) seconds.
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            {
                return (long)Math.Round(seconds * 1000);
            }

            throw Error($"'{token}' is not a timestamp (after the value of {metric}: Unix milliseconds)");
        }

        private string ReadToken()
        {
            var start = at;
            while (at < line.Length && line[at] is not (' ' or '\t')) at++;
            return line[start..at];
        }

        private string Found() => at >= line.Length ? "the end of the line" : $"'{line[at]}'";

        private ExpositionFormatException Error(string message) => new(lineNumber, message);
    }
}
