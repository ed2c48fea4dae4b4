using Pacer.Core.Plans.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads one request step: its method, URL (<see cref="StepUrlSection"/>), headers, body (<see cref="StepBodySection"/>),
/// timeout, extractions, checks and records, and its reporting name, unique in the plan. Each request step is also one
/// <see cref="RequestSpec"/>, the recorder's and the reports' view of it.
/// </summary>
internal static class RequestStepSection
{
    private static readonly string[] RequestKeys = ["name", "method", "path", "query", "headers", "body", "body_file", "form", "timeout", "extract", "checks", "record", "probability"];

    /// <summary>The step, or null when it has a mistake (every one is reported); <paramref name="group"/> prefixes its name.</summary>
    public static RequestStep? Read(ScenarioReadContext c, YamlMappingNode mapping, string group)
    {
        var reader = c.Reader;
        var e = reader.Entries(mapping, "a request step", RequestKeys);
        var before = reader.Errors.Count;
        var probability = ScenarioStepsSection.Probability(c, e);
        var method = RequestsSection.ReadMethod(reader, e);
        if (StepUrlSection.Read(c, mapping, e) is not { } url)
        {
            return null;
        }

        var headers = RequestsSection.MergeHeaders(reader, e, c.DefaultHeaders);
        e.TryGetValue("headers", out var h);
        var (body, bodyNode) = StepBodySection.Read(c, e, headers);
        var headerTemplates = headers
            .Select(x => (x.Key, Value: c.Compile(h ?? mapping, x.Value, $"header {x.Key}")))
            .Where(x => x.Value is not null)
            .Select(x => new HeaderTemplate(x.Key, x.Value!))
            .ToList();
        var bodyTemplate = body is null ? null : c.Compile(bodyNode!, body, "body");
        var timeout = e.TryGetValue("timeout", out var t) ? PlanParser.PositiveDuration(reader, t, "timeout") ?? c.DefaultTimeout : c.DefaultTimeout;
        var extractions = e.TryGetValue("extract", out var x) ? StepExtractionsSection.Read(c, x) : [];
        var checks = e.TryGetValue("checks", out var k) ? StepChecksSection.Read(c, k) : [];
        var records = e.TryGetValue("record", out var rec) ? StepRecordsSection.Read(c, rec) : [];

        var stepName = e.TryGetValue("name", out var n) ? reader.Text(n, "name") : null;
        stepName ??= $"{method} {PathOf(url.Path)}";
        if (group.Length > 0)
        {
            stepName = $"{group} › {stepName}";
        }

        if (!c.StepNames.Add(stepName))
        {
            reader.Error(n ?? (YamlNode)mapping, $"two request steps are named '{stepName}'", "give each request step a distinct name (results are reported per name), e.g. name: create session");
        }

        if (reader.Errors.Count > before || url.Template is null)
        {
            return null;
        }

        if (!Uri.TryCreate(url.Text, UriKind.Absolute, out var reportUrl))
        {
            reportUrl = c.Target;
        }

        var index = c.Specs.Count;
        c.Specs.Add(new RequestSpec(stepName, method, reportUrl, headers, body, 1, timeout));
        return new RequestStep
        {
            Name = stepName,
            MetricIndex = index,
            Method = method,
            Url = url.Template,
            Headers = headerTemplates,
            Body = bodyTemplate,
            Timeout = timeout,
            Extractions = extractions,
            Checks = checks,
            Records = records,
            Probability = probability,
            Location = c.Location(mapping),
        };
    }

    /// <summary>The path without its query or fragment, for a step's default name.</summary>
    private static string PathOf(string path)
    {
        var cut = path.IndexOfAny(['?', '#']);
        return cut >= 0 ? path[..cut] : path;
    }
}
