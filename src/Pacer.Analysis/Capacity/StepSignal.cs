namespace Pacer.Analysis.Capacity;

/// <summary>What a <see cref="StepWatch"/> says after a second of a step.</summary>
public enum StepSignal
{
    /// <summary>Not settled yet: keep the step running.</summary>
    Continue,

    /// <summary>Throughput and latency stopped trending: the step has reached its steady state and can be judged.</summary>
    Steady,

    /// <summary>The step is far over the targets (most requests failing, dropped or unanswered, or latency many times its limit): no need to wait.</summary>
    ClearlyOver,
}
