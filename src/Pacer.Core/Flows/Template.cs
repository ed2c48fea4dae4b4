using System.Globalization;
using System.Text;

namespace Pacer.Core.Flows;

/// <summary>
/// Text with <c>${...}</c> placeholders, compiled once and rendered many times: every mistake surfaces at compile time,
/// and rendering only walks a short array of parts.
/// </summary>
/// <remarks>
/// Forms: <c>${name}</c> (a variable), <c>${env.NAME}</c> (an environment variable, read at compile time),
/// <c>${vu}</c>, <c>${iter}</c>, <c>${scenario}</c>, <c>${uuid}</c>, <c>${now}</c> (Unix milliseconds),
/// <c>${random(min,max)}</c> (both ends included) and <c>${data.column}</c>. A '$' not followed by '{' is plain text.
/// </remarks>
internal sealed class Template
{
    private readonly TemplatePart[] parts;

    private Template(string text, TemplatePart[] parts)
    {
        Text = text;
        this.parts = parts;
        Variables = Names(parts, TemplatePartKind.Variable);
        DataColumns = Names(parts, TemplatePartKind.DataColumn);
        IsConstant = parts.All(p => p.Kind == TemplatePartKind.Literal);
        ConstantValue = IsConstant ? string.Concat(parts.Select(p => p.Text)) : null;
    }

    /// <summary>The template text as written.</summary>
    public string Text { get; }

    /// <summary>True when every render gives the same text: no placeholders, or only <c>${env.NAME}</c> ones.</summary>
    public bool IsConstant { get; }

    /// <summary>The text every render gives when <see cref="IsConstant"/>; otherwise null.</summary>
    public string? ConstantValue { get; }

    /// <summary>The names of the <c>${name}</c> variables used, each once, in order of first use.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The data columns used by <c>${data.column}</c>, each once, in order of first use.</summary>
    public IReadOnlyList<string> DataColumns { get; }

    /// <summary>Compiles <paramref name="text"/>; throws <see cref="TemplateSyntaxException"/> with the column of the first mistake.</summary>
    public static Template Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Template(text, TemplateParser.Parse(text));
    }

    /// <summary>Appends the rendering to <paramref name="output"/>; throws <see cref="TemplateRenderException"/> when <paramref name="scope"/> lacks a variable or data column.</summary>
    public void Render(ITemplateScope scope, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case TemplatePartKind.Literal:
                    output.Append(part.Text);
                    break;
                case TemplatePartKind.Variable:
                    output.Append(scope.TryGetVariable(part.Text, out var variable)
                        ? variable
                        : throw new TemplateRenderException(
                            $"${{{part.Text}}}",
                            $"variable '{part.Text}' is not set (extract it in an earlier step or declare it in vars)"));
                    break;
                case TemplatePartKind.DataColumn:
                    output.Append(scope.TryGetDataColumn(part.Text, out var cell)
                        ? cell
                        : throw new TemplateRenderException(
                            $"${{data.{part.Text}}}",
                            $"data column '{part.Text}' is not in the current row (check the data file's header, or give the scenario a data file)"));
                    break;
                case TemplatePartKind.VirtualUser:
                    output.Append(CultureInfo.InvariantCulture, $"{scope.VirtualUser}");
                    break;
                case TemplatePartKind.Iteration:
                    output.Append(CultureInfo.InvariantCulture, $"{scope.Iteration}");
                    break;
                case TemplatePartKind.Scenario:
                    output.Append(scope.Scenario);
                    break;
                case TemplatePartKind.Uuid:
                    AppendUuid(output);
                    break;
                case TemplatePartKind.Random:
                    // Widened to long so random(min, int.MaxValue) still includes its max.
                    output.Append(CultureInfo.InvariantCulture, $"{scope.Random.NextInt64(part.Min, (long)part.Max + 1)}");
                    break;
                case TemplatePartKind.Now:
                    output.Append(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
                    break;
                default:
                    throw new InvalidOperationException($"unhandled template part {part.Kind}");
            }
        }
    }

    /// <summary>The rendering as a new string; a constant template returns its one value without building anything.</summary>
    public string Render(ITemplateScope scope)
    {
        if (ConstantValue is not null)
        {
            return ConstantValue;
        }

        var output = new StringBuilder();
        Render(scope, output);
        return output.ToString();
    }

    /// <summary>The template text as written.</summary>
    public override string ToString() => Text;

    private static void AppendUuid(StringBuilder output)
    {
        // Formatted on the stack: a fresh string per render would be garbage the moment it is appended.
        Span<char> buffer = stackalloc char[36];
        Guid.NewGuid().TryFormat(buffer, out var written, "D");
        output.Append(buffer[..written]);
    }

    private static string[] Names(TemplatePart[] parts, TemplatePartKind kind) =>
        [.. parts.Where(p => p.Kind == kind).Select(p => p.Text).Distinct(StringComparer.Ordinal)];
}
