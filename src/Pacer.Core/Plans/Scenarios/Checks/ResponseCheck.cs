using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>
/// One assertion on a flow step's response. A failed check counts in the <c>checks</c> metric (overall and under its name) and
/// does not stop the iteration unless <see cref="AbortIteration"/> is set.
/// </summary>
internal abstract class ResponseCheck(string name)
{
    /// <summary>The check's reporting name (the <c>name</c> tag of <c>checks{name:…}</c>).</summary>
    public string Name { get; } = name;

    /// <summary>End the virtual user's iteration when this check fails.</summary>
    public bool AbortIteration { get; init; }

    /// <summary>
    /// Whether <paramref name="response"/> passes; a value with placeholders is rendered from <paramref name="scope"/> (the
    /// virtual user) into <paramref name="scratch"/>. Throws <see cref="TemplateRenderException"/> when a variable is not set.
    /// </summary>
    public abstract bool Passes(ExchangeResponse response, ITemplateScope scope, WireBuffer scratch);
}
