using System.Text.RegularExpressions;
using Pacer.Core.Plans.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>What every step reader needs: the reader, the plan's defaults, and the names and specs collected so far.</summary>
internal sealed class ScenarioReadContext(PlanReader reader, Uri target, IReadOnlyList<KeyValuePair<string, string>> defaultHeaders, TimeSpan defaultTimeout, string planPath)
{
    /// <summary>How long one match of a check's or extraction's pattern may run before it is a script error of the step.</summary>
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public PlanReader Reader { get; } = reader;

    public Uri Target { get; } = target;

    public IReadOnlyList<KeyValuePair<string, string>> DefaultHeaders { get; } = defaultHeaders;

    public TimeSpan DefaultTimeout { get; } = defaultTimeout;

    public string PlanPath { get; } = planPath;

    public List<RequestSpec> Specs { get; } = [];

    public HashSet<string> StepNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The plan's own metrics, which <c>record</c> entries feed.</summary>
    public IReadOnlyList<CustomMetricSpec> Metrics { get; init; } = [];

    /// <summary>The plan's load model, when it could be read (some keys apply to one model only).</summary>
    public LoadModel? Model { get; init; }

    /// <summary>
    /// Names the columns only when they look like names: a file that is not a data file (a mistyped path, /etc/shadow) has
    /// its first line as the "header", and an error message must not print what a file holds.
    /// </summary>
    private static string ColumnsHint(IReadOnlyList<string> columns) =>
        columns.All(x => x.Length <= 64 && x.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.' or ' '))
            ? $"its columns are {string.Join(", ", columns)}"
            : $"its header (the first line) does not look like column names; is it the right file?";

    /// <summary>Columns of the current scenario's data file, to check <c>${data.x}</c> at load.</summary>
    public IReadOnlyList<string>? Columns { get; set; }

    /// <summary>A file named in the plan: absolute as given, else relative to the plan file's folder.</summary>
    public string RelativeToPlan(string file) =>
        Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(PlanPath)) ?? ".", file);

    public string Location(YamlNode node) => $"{PlanPath}:{node.Start.Line}:{node.Start.Column}";

    /// <summary>Where <paramref name="node"/> starts, kept for a later error about it.</summary>
    public PlanPlace Place(YamlNode node) => new(PlanPath, (int)node.Start.Line, (int)node.Start.Column);

    public Template? Compile(YamlNode node, string text, string what, int prefixLength = 0)
    {
        try
        {
            var template = Template.Compile(text);
            foreach (var column in template.DataColumns)
            {
                if (Columns is null)
                {
                    Reader.Error(node, $"{what} uses ${{data.{column}}} but the scenario has no data file", "add data: { file: rows.csv } to the scenario");
                }
                else if (!Columns.Contains(column, StringComparer.Ordinal))
                {
                    Reader.Error(node, $"{what} uses ${{data.{column}}} but the data file has no column '{column}'", ColumnsHint(Columns));
                }
            }

            return template;
        }
        catch (TemplateSyntaxException e)
        {
            Reader.Error(Offset(node, Math.Max(1, e.Column - prefixLength)), $"{what}: {e.Message}");
            return null;
        }
    }

    public JsonPathExpression? JsonPath(YamlNode node, string path)
    {
        try
        {
            return JsonPathExpression.Parse(path);
        }
        catch (JsonPathSyntaxException e)
        {
            Reader.Error(Offset(node, e.Column), e.Message);
            return null;
        }
    }

    public Regex? Regex(YamlNode node, string pattern)
    {
        try
        {
            // The non-backtracking engine matches in time linear in the body, so a pattern like ^(a+)+$ cannot hang a
            // user on a hostile body; it finds the same matches and groups. It refuses backreferences, lookarounds and
            // atomic groups: those patterns use the backtracking engine, bounded by the timeout (a script error).
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RegexTimeout);
        }
        catch (NotSupportedException)
        {
            // Not an error: the pattern needs backtracking (see above); it is still compiled and checked below.
        }
        catch (ArgumentException e)
        {
            Reader.Error(node, $"'{pattern}' is not a valid regular expression: {e.Message}");
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            Reader.Error(node, $"'{pattern}' is not a valid regular expression: {e.Message}");
            return null;
        }
    }

    /// <summary>The place of a column inside a one-line scalar (quoted scalars start one column later).</summary>
    private static Mark Offset(YamlNode node, int column)
    {
        var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
        return new Mark(node.Start.Index + quoted + column - 1, node.Start.Line, node.Start.Column + quoted + column - 1);
    }
}
