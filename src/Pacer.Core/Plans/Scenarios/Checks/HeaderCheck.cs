using System.Text;
using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>A response header is present, and optionally equal to a value (names compared ignoring case, values exactly).</summary>
internal sealed class HeaderCheck(string name, string header, string? expected) : ResponseCheck(name)
{
    private readonly string header = header;
    private readonly byte[]? expectedUtf8 = expected is null ? null : Encoding.UTF8.GetBytes(expected);

    public override bool Passes(ExchangeResponse response) =>
        response.TryGetHeader(header, out var value) && (expectedUtf8 is null || value.SequenceEqual(expectedUtf8));
}
