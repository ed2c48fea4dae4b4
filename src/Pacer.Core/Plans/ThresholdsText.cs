using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Thresholds written outside a plan run, to be judged on a saved result: the <c>thresholds:</c> section of a YAML file (a plan
/// or a file holding only that section), or one <c>metric: expression</c> given on the command line. Every mistake is reported
/// at once with its place, as in a plan.
/// </summary>
internal static class ThresholdsText
{
    /// <summary>The thresholds of a YAML file's <c>thresholds:</c> section; the file's other keys (a plan's) are not read.</summary>
    /// <exception cref="PlanException">The file is not YAML, has no thresholds section, or a threshold is wrong.</exception>
    public static List<ThresholdSpec> ReadFile(string text, string path, ThresholdNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var reader = new PlanReader(path);
        var root = Load(text, path);
        List<ThresholdSpec> specs = [];
        if (root is not YamlMappingNode mapping)
        {
            reader.Error(root, "a thresholds file must be a mapping with a 'thresholds:' section", "e.g. thresholds: {http_req_duration: [\"p(95)<50ms\"]} — a plan file works too");
        }
        else if (mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "thresholds" }).Value is not { } section)
        {
            reader.Error((Mark?)null, "no 'thresholds:' section", "write thresholds: with metric keys under it, as in a plan");
        }
        else
        {
            specs = ThresholdsSection.Read(reader, section, names.Requests, names.Checks, names.Custom, names.Groups);
            if (reader.Errors.Count == 0 && specs.Count == 0)
            {
                reader.Error(section, "the thresholds section is empty", "give at least one metric key with an expression");
            }
        }

        return reader.Errors.Count > 0 ? throw new PlanException(reader.Errors) : specs;
    }

    /// <summary>
    /// The thresholds of one command-line option, <c>metric{tags}: expression</c> (or a list of expressions), named
    /// <paramref name="place"/> in error messages.
    /// </summary>
    /// <exception cref="PlanException">The option is not <c>metric: expression</c>, or the threshold is wrong.</exception>
    public static List<ThresholdSpec> ReadOption(string text, string place, ThresholdNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var reader = new PlanReader(place);
        var root = Load(text, place);
        if (root is not YamlMappingNode { Children.Count: 1 } mapping)
        {
            reader.Error(root, $"'{text}' is not one threshold", "write 'metric: expression', e.g. 'http_req_duration{name:login}: p(95)<50ms'");
            throw new PlanException(reader.Errors);
        }

        var specs = ThresholdsSection.Read(reader, mapping, names.Requests, names.Checks, names.Custom, names.Groups);
        return reader.Errors.Count > 0 ? throw new PlanException(reader.Errors) : specs;
    }

    private static YamlNode Load(string text, string path) =>
        YamlText.RootOf(text, path)
            ?? throw new PlanException([new PlanError(path, 0, 0, "no thresholds given", "write 'metric: expression', e.g. 'http_req_failed: rate<0.01'")]);
}
