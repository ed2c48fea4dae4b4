namespace Pacer.Analysis.Capacity;

/// <summary>
/// Runs one constant-load step of a capacity search and says how it went. <c>pacer capacity</c> runs a real plan through the
/// engine; tests and the tuner can pass any other runner (a simulated service, a cheaper probe).
/// </summary>
public interface ICapacityStepRunner
{
    /// <summary>
    /// Holds <paramref name="level"/> (arrivals per second for an open plan, virtual users for a closed one) until the step is
    /// steady or clearly over, and returns its summary, judged on that step's own window.
    /// </summary>
    /// <param name="level">The constant load of the step; positive.</param>
    /// <param name="cancellationToken">Stops the step (and the search).</param>
    Task<CapacityStep> RunStepAsync(double level, CancellationToken cancellationToken);
}
