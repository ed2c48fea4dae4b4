using System.Diagnostics.CodeAnalysis;
using System.Text;
using Pacer.Core.Flows;
using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Tests.Flows;

/// <summary>A scope whose context, variables and data row the test sets directly.</summary>
internal sealed class FakeTemplateScope : ITemplateScope
{
    public int VirtualUser { get; init; } = 7;

    public long Iteration { get; init; } = 42;

    public string Scenario { get; init; } = "checkout";

    public Random Random { get; init; } = new(1234);

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Data { get; } = new(StringComparer.Ordinal);

    public bool TryGetVariable(string name, out ReadOnlySpan<byte> value)
    {
        value = Variables.TryGetValue(name, out var text) ? Encoding.UTF8.GetBytes(text) : default;
        return Variables.ContainsKey(name);
    }

    public bool TryGetDataColumn(string column, [MaybeNullWhen(false)] out string value) => Data.TryGetValue(column, out value);
}
