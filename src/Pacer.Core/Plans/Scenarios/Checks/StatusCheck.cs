using Pacer.Core.Transport;

namespace Pacer.Core.Plans.Scenarios.Checks;

/// <summary>The status is one of a set: exact codes (<c>200</c>, <c>[200, 201]</c>) or classes (<c>2xx</c>).</summary>
internal sealed class StatusCheck(string name, IReadOnlyList<(int Min, int Max)> allowed) : ResponseCheck(name)
{
    public IReadOnlyList<(int Min, int Max)> Allowed { get; } = allowed;

    public override bool Passes(ExchangeResponse response, ITemplateScope scope, WireBuffer scratch)
    {
        var status = response.Result.Status;
        // By index: a foreach over the interface would box an enumerator on every response.
        for (var i = 0; i < Allowed.Count; i++)
        {
            var (min, max) = Allowed[i];
            if (status >= min && status <= max)
            {
                return true;
            }
        }

        return false;
    }
}
