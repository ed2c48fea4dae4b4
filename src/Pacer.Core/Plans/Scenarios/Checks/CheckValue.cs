using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>
/// The text a check compares with (<c>equals</c>, <c>body_contains</c>): a template like every other text of a step, so
/// <c>equals: "${id}"</c> compares with the variable's value, not with the characters <c>${id}</c>.
/// </summary>
internal sealed class CheckValue
{
    private readonly Template template;

    /// <summary>The value as UTF-8 when every response compares with the same text: encoded once, never rendered.</summary>
    private readonly byte[]? constant;

    public CheckValue(Template template)
    {
        this.template = template;
        constant = template.ConstantValue is { } value ? Encoding.UTF8.GetBytes(value) : null;
    }

    /// <summary>The value as written in the plan (placeholders unrendered), for the check's name.</summary>
    public string Text => template.Text;

    /// <summary>
    /// The value for this response as UTF-8: the constant, or the rendering into <paramref name="scratch"/> (cleared first), valid
    /// until <paramref name="scratch"/> is next written. Throws <see cref="TemplateRenderException"/> when a variable is not set.
    /// </summary>
    public ReadOnlySpan<byte> Render(ITemplateScope scope, WireBuffer scratch)
    {
        if (constant is not null)
        {
            return constant;
        }

        scratch.Clear();
        template.Render(scope, scratch);
        return scratch.WrittenSpan;
    }
}
