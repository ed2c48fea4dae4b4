namespace Pacer.Core.Thresholds;

/// <summary>What the run as a whole saw, which a threshold over no samples needs to know: whether requests were sent and answered.</summary>
/// <param name="Requests">Requests recorded (failures and abandoned ones included).</param>
/// <param name="Responses">Requests that got a response of any status.</param>
public sealed record RunEvidence(long Requests, long Responses)
{
    /// <summary>Requests were sent and not one got a response: nothing measured can say the service met anything.</summary>
    public bool NoneAnswered => Requests > 0 && Responses == 0;
}
