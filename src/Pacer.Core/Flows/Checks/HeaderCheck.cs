namespace Pacer.Core.Flows.Checks;

/// <summary>A response header is present, and optionally equal to a value (names compared ignoring case, values exactly).</summary>
internal sealed class HeaderCheck(string name, string header, string? expected) : ResponseCheck(name)
{
    public override bool Passes(FlowResponse response) =>
        response.Header(header) is { } value && (expected is null || value == expected);
}
