namespace Pacer.Core.Flows.Checks;

/// <summary>The body (as UTF-8 text) contains a string, case-sensitively.</summary>
internal sealed class BodyContainsCheck(string name, string text) : ResponseCheck(name)
{
    public override bool Passes(FlowResponse response) => response.Text.Contains(text, StringComparison.Ordinal);
}
