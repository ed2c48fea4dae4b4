using System.Globalization;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Core.Flows;

/// <summary>
/// Feeds the plan's own metrics from request steps' <c>record</c> entries: a step's duration, whether its checks passed or it
/// succeeded, or a rendered value. A value that is no number is the step's script error, recorded once with a count.
/// </summary>
internal sealed class CustomMetricFeed(CustomMetrics metrics, ScriptErrors errors)
{
    private readonly CustomMetrics metrics = metrics;
    private readonly ScriptErrors errors = errors;

    /// <summary>Adds one <c>record</c> entry's value to its custom metric.</summary>
    public void Record(RequestStep step, MetricRecord record, VirtualUser user, ExchangeResponse response, bool checksPassed, double latencyMs) =>
        Record(step.Location, step.Name, record, user, response.Result.Error == ErrorKind.None, checksPassed, latencyMs);

    /// <summary>
    /// Adds one <c>record</c> entry's value of the step at <paramref name="location"/> named <paramref name="name"/>: a request
    /// step's response or a WebSocket step's message (<paramref name="ok"/>: it succeeded; <paramref name="latencyMs"/>: its
    /// duration, a round trip for a reply).
    /// </summary>
    public void Record(string location, string name, MetricRecord record, VirtualUser user, bool ok, bool checksPassed, double latencyMs)
    {
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
                    errors.Report(location, name, $"record {record.Metric}", e.Message);
                    return;
                }

                if (!double.TryParse(text.WrittenSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    errors.Report(location, name, $"record {record.Metric}", $"'{System.Text.Encoding.UTF8.GetString(text.WrittenSpan)}' is not a number, so it cannot be added to {record.Metric}");
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
}
