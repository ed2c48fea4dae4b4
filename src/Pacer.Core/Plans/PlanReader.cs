using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads YAML nodes of a plan into values, collecting every mistake with its line and column instead of stopping at the first.
/// A method that finds a mistake records it and returns null, so parsing goes on and the user sees all errors at once.
/// </summary>
internal sealed class PlanReader(string path)
{
    private readonly List<PlanError> errors = [];

    public IReadOnlyList<PlanError> Errors => errors;

    public void Error(YamlNode? node, string message, string? hint = null) => Error(node?.Start, message, hint);

    /// <summary>Records mistakes found before the nodes were read (keys given twice), so they are reported with the others.</summary>
    public void Add(IEnumerable<PlanError> found) => errors.AddRange(found);

    public void Error(Mark? mark, string message, string? hint = null) =>
        errors.Add(new PlanError(path, (int)(mark?.Line ?? 0), (int)(mark?.Column ?? 0), message, hint));

    /// <summary>The mapping's entries by key, reporting keys not in <paramref name="allowed"/> (with a near-miss suggestion) and duplicate keys.</summary>
    public Dictionary<string, YamlNode> Entries(YamlMappingNode mapping, string where, IReadOnlyList<string> allowed)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, $"{where}: keys must be plain words");
                continue;
            }

            if (!allowed.Contains(key))
            {
                var suggestion = KeySuggester.Suggest(key, allowed);
                Error(keyNode, $"unknown key '{key}' in {where}", suggestion is null ? $"known keys: {string.Join(", ", allowed)}" : $"did you mean '{suggestion}'?");
                continue;
            }

            if (!entries.TryAdd(key, value))
            {
                Error(keyNode, $"'{key}' appears twice in {where}");
            }
        }

        return entries;
    }

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, $"{what} must be a mapping (key: value lines), not {Describe(node)}");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Error(node, $"{what} must be a list (lines starting with '-'), not {Describe(node)}");
        return null;
    }

    public string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } scalar && !IsNull(scalar))
        {
            return value;
        }

        Error(node, $"{what} must be text, not {Describe(node)}");
        return null;
    }

    public double? Number(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        Error(node, $"{what} must be a number, not {Describe(node)}");
        return null;
    }

    public long? Integer(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Error(node, $"{what} must be a whole number, not {Describe(node)}");
        return null;
    }

    public bool? Boolean(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && bool.TryParse(value, out var b))
        {
            return b;
        }

        Error(node, $"{what} must be true or false, not {Describe(node)}");
        return null;
    }

    /// <summary>A duration no longer than <paramref name="max"/> (<see cref="DurationLimits.MaxSetting"/> unless given).</summary>
    public TimeSpan? Duration(YamlNode node, string what, TimeSpan? max = null)
    {
        if (node is YamlScalarNode { Value: { } value } && DurationParser.TryParse(value, out var duration))
        {
            var limit = max ?? DurationLimits.MaxSetting;
            if (duration > limit)
            {
                Error(node, $"{what} '{value}' is longer than the limit of {(int)limit.TotalHours}h", $"{what} may be {DurationLimits.UpTo(limit)}");
                return null;
            }

            return duration;
        }

        // Say what is wrong with a value that is nearly a duration, not only that it is not one.
        var text = (node as YamlScalarNode)?.Value?.Trim();
        if (text is ['-', .. var magnitude] && DurationParser.TryParse(magnitude, out _))
        {
            Error(node, $"{what} '{text}' is negative", $"a duration counts up from zero: write {magnitude}");
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            Error(node, $"{what} '{text}' has no unit", $"write {text}s or {text}ms: a bare number's unit would be a guess");
        }
        else
        {
            Error(node, $"{what} must be a duration, not {Describe(node)}", DurationParser.Hint);
        }

        return null;
    }

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "this",
    };
}
