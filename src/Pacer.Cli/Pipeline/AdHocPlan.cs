using System.Globalization;
using System.Text;
using Pacer.Core.Plans;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// Turns ad-hoc flags into a plan by writing the equivalent YAML and parsing it with the plan parser, so flags get exactly the
/// validation a plan file gets and the result file records a plan the user can copy and rerun.
/// </summary>
internal static class AdHocPlan
{
    public const string SourceName = "<command line>";

    /// <summary>An ad-hoc test's length when --duration is not given (a plan's length is its own).</summary>
    public const string DefaultDuration = "10s";

    public static LoadPlan Build(AdHocPlanOptions options)
    {
        if (options.Rate is null == options.Vus is null)
        {
            throw new UsageException("an ad-hoc test needs exactly one of --rate (open model, requests/s) or --vus (closed model, virtual users)");
        }

        if (options.Vus is not null && options.Connections is not null)
        {
            throw new UsageException("--connections applies to the open model (--rate); with --vus each virtual user has its own connection");
        }

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--url '{options.Url}' is not an absolute http:// or https:// URL");
        }

        if (options.Timeout is not null && DurationParser.TryParse(options.Timeout, out var timeout) && timeout > DurationLimits.MaxSetting)
        {
            throw new UsageException($"--timeout '{options.Timeout}' is longer than the limit of {(int)DurationLimits.MaxSetting.TotalHours}h (a request timeout may be {DurationLimits.UpTo(DurationLimits.MaxSetting)})");
        }

        if (DurationParser.TryParse(options.Duration, out var duration) && duration > DurationLimits.MaxRun)
        {
            throw new UsageException($"--duration '{options.Duration}' is longer than the limit of {(int)DurationLimits.MaxRun.TotalHours}h (a run may last {DurationLimits.UpTo(DurationLimits.MaxRun)})");
        }

        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"name: {Quote($"{options.Method.ToUpperInvariant()} {url.AbsolutePath}")}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"target: {Quote(url.GetLeftPart(UriPartial.Authority))}");
        if (options.Timeout is not null)
        {
            yaml.AppendLine("defaults:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  timeout: {Quote(options.Timeout)}");
        }

        yaml.AppendLine("requests:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  - method: {Quote(options.Method)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    path: {Quote(url.PathAndQuery)}");
        if (options.Headers.Count > 0)
        {
            yaml.AppendLine("    headers:");
            foreach (var header in options.Headers)
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new UsageException($"--header '{header}' should look like 'Name: value'");
                }

                yaml.AppendLine(CultureInfo.InvariantCulture, $"      {Quote(header[..colon].Trim())}: {Quote(header[(colon + 1)..].Trim())}");
            }
        }

        if (options.Body is not null)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    body: {Quote(options.Body)}");
        }

        yaml.AppendLine("load:");
        if (options.Rate is { } rate)
        {
            yaml.AppendLine("  model: open");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  rate: {rate.ToString("R", CultureInfo.InvariantCulture)}");
            if (options.Connections is { } connections)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  max_connections: {connections}");
            }
        }
        else
        {
            yaml.AppendLine("  model: closed");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  vus: {options.Vus}");
        }

        yaml.AppendLine(CultureInfo.InvariantCulture, $"  duration: {Quote(options.Duration)}");

        try
        {
            return PlanParser.Parse(yaml.ToString(), SourceName);
        }
        catch (PlanException e)
        {
            // Positions in generated YAML mean nothing to the user; the messages name the offending value.
            throw new UsageException(string.Join(Environment.NewLine + "pacer: ", e.Errors.Select(x => x.Hint is null ? x.Message : $"{x.Message} ({x.Hint})")));
        }
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
