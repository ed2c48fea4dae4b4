using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios;

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

    /// <summary>Each literal part's text as UTF-8, encoded once (empty for the other parts).</summary>
    private readonly byte[][] literals;

    private Template(string text, TemplatePart[] parts)
    {
        Text = text;
        this.parts = parts;
        literals = [.. parts.Select(p => p.Kind == TemplatePartKind.Literal ? Encoding.UTF8.GetBytes(p.Text) : [])];
        LiteralPrefix = parts.Length > 0 && parts[0].Kind == TemplatePartKind.Literal ? parts[0].Text : string.Empty;
        Variables = Names(parts, TemplatePartKind.Variable);
        DataColumns = Names(parts, TemplatePartKind.DataColumn);
        IsConstant = parts.All(p => p.Kind == TemplatePartKind.Literal);
        ReadsClock = parts.Any(p => p.Kind == TemplatePartKind.Now);
        ConstantValue = IsConstant ? string.Concat(parts.Select(p => p.Text)) : null;
    }

    /// <summary>The template text as written.</summary>
    public string Text { get; }

    /// <summary>True when every render gives the same text: no placeholders, or only <c>${env.NAME}</c> ones.</summary>
    public bool IsConstant { get; }

    /// <summary>True when it renders <c>${now}</c>: its text depends on when it is rendered.</summary>
    public bool ReadsClock { get; }

    /// <summary>The text every render gives when <see cref="IsConstant"/>; otherwise null.</summary>
    public string? ConstantValue { get; }

    /// <summary>The fixed text every rendering starts with (env placeholders resolved); empty when it starts with a placeholder.</summary>
    public string LiteralPrefix { get; }

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

    /// <summary>
    /// Appends the rendering to <paramref name="output"/> as UTF-8 without allocating: literals were encoded at compile time,
    /// variables are copied from the bytes they are stored as, and numbers and GUIDs are formatted in place. Throws
    /// <see cref="TemplateRenderException"/> when <paramref name="scope"/> lacks a variable or data column.
    /// </summary>
    public void Render(ITemplateScope scope, WireBuffer output)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(output);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            switch (part.Kind)
            {
                case TemplatePartKind.Literal:
                    output.Write(literals[i]);
                    break;
                case TemplatePartKind.Variable:
                    if (!scope.TryGetVariable(part.Text, out var variable))
                    {
                        throw new TemplateRenderException(
                            $"${{{part.Text}}}",
                            $"variable '{part.Text}' is not set (extract it in an earlier step or declare it in vars)");
                    }

                    output.Write(variable);
                    break;
                case TemplatePartKind.DataColumn:
                    output.WriteUtf8(scope.TryGetDataColumn(part.Text, out var cell)
                        ? cell
                        : throw new TemplateRenderException(
                            $"${{data.{part.Text}}}",
                            $"data column '{part.Text}' is not in the current row (check the data file's header, or give the scenario a data file)"));
                    break;
                case TemplatePartKind.VirtualUser:
                    output.WriteNumber(scope.VirtualUser);
                    break;
                case TemplatePartKind.Iteration:
                    output.WriteNumber(scope.Iteration);
                    break;
                case TemplatePartKind.Scenario:
                    output.WriteUtf8(scope.Scenario);
                    break;
                case TemplatePartKind.Uuid:
                    Guid.NewGuid().TryFormat(output.GetSpan(36), out var written, "D");
                    output.Advance(written);
                    break;
                case TemplatePartKind.Random:
                    // Widened to long so random(min, int.MaxValue) still includes its max.
                    output.WriteNumber(scope.Random.NextInt64(part.Min, (long)part.Max + 1));
                    break;
                case TemplatePartKind.Now:
                    output.WriteNumber(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                    break;
                default:
                    throw new InvalidOperationException($"unhandled template part {part.Kind}");
            }
        }
    }

    /// <summary>Appends the rendering to <paramref name="output"/> as text.</summary>
    public void Render(ITemplateScope scope, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append(Render(scope));
    }

    /// <summary>The rendering as a new string (for messages and tests; the hot path renders bytes); a constant template
    /// returns its one value without building anything.</summary>
    public string Render(ITemplateScope scope)
    {
        if (ConstantValue is not null)
        {
            return ConstantValue;
        }

        var output = new WireBuffer();
        Render(scope, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>The template text as written.</summary>
    public override string ToString() => Text;

    private static string[] Names(TemplatePart[] parts, TemplatePartKind kind) =>
        [.. parts.Where(p => p.Kind == kind).Select(p => p.Text).Distinct(StringComparer.Ordinal)];
}
