namespace Pacer.Core.Results;

/// <summary>One scenario group over the run: its own duration (first step's intended start to last step's end), and its
/// request steps taken together — latency from their intended starts, service time, queue time, failures by kind.</summary>
public sealed record GroupResult(string Name, DurationStats Duration)
{
    public long Requests { get; init; }

    public long Failures { get; init; }

    public DurationStats? StepLatency { get; init; }

    public DurationStats? ServiceTime { get; init; }

    public DurationStats? QueueTime { get; init; }

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();
}
