namespace Pacer.Core.Flows.Checks;

/// <summary>The status is one of a set: exact codes (<c>200</c>, <c>[200, 201]</c>) or classes (<c>2xx</c>).</summary>
internal sealed class StatusCheck(string name, IReadOnlyList<(int Min, int Max)> allowed) : ResponseCheck(name)
{
    public IReadOnlyList<(int Min, int Max)> Allowed { get; } = allowed;

    public override bool Passes(FlowResponse response)
    {
        var status = response.Result.Status;
        foreach (var (min, max) in Allowed)
        {
            if (status >= min && status <= max)
            {
                return true;
            }
        }

        return false;
    }
}
