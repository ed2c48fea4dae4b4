using System.Text.RegularExpressions;

namespace Pacer.Core.Plans.Tuning;

/// <summary>
/// The <c>{name}</c> placeholders of a tune file's command, ready URL, target, environment and config template: a name of
/// letters, digits and underscores in braces. Anything else in braces (JSON's own) is left alone.
/// </summary>
public static partial class TuneTemplate
{
    /// <summary>The placeholder names in <paramref name="template"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> Names(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value)];
    }

    /// <summary><paramref name="template"/> with every placeholder replaced by its value in <paramref name="values"/> (a name without one stays as written).</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
