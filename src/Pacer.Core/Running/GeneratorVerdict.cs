using System.Globalization;
using Pacer.Core.Recording;

namespace Pacer.Core.Running;

/// <summary>
/// Whether the load generator kept up: saturated when the scheduling lag p99 exceeds 5 ms, when the process used more than
/// 90% of its cores during more than 10% of the run's seconds, or when an event loop was busy more than 90% of the time during
/// more than 10% of the run's seconds.
/// </summary>
/// <param name="LagP50Ms">Median scheduling lag.</param>
/// <param name="LagP99Ms">99th percentile of the scheduling lag.</param>
/// <param name="LagMaxMs">Largest scheduling lag.</param>
/// <param name="CpuMean">Mean process CPU as a fraction of the cores (0–1).</param>
/// <param name="CpuMax">Highest one-second CPU fraction.</param>
/// <param name="BusyFraction">Share of the run's seconds above 90% CPU.</param>
/// <param name="Cores">Cores available to the process.</param>
/// <param name="Saturated">The verdict.</param>
internal sealed record GeneratorVerdict(double LagP50Ms, double LagP99Ms, double LagMaxMs, double CpuMean, double CpuMax, double BusyFraction, int Cores, bool Saturated)
{
    /// <summary>Share of the run's seconds in which the busiest event loop was busy more than 90% of the time (0 without event loops).</summary>
    public double LoopBusyFraction { get; init; }

    public const double LagLimitMs = 5;
    public const double BusyCpu = 0.9;
    public const double BusyFractionLimit = 0.1;

    public static GeneratorVerdict From(LatencyHistogram lag, IReadOnlyList<double> cpuPerTick, int cores, IReadOnlyList<double>? loopBusyPerTick = null)
    {
        var p99 = lag.ValueAtPercentile(99) / 1000.0;
        var busy = cpuPerTick.Count == 0 ? 0 : (double)cpuPerTick.Count(c => c > BusyCpu) / cpuPerTick.Count;
        var loopBusy = loopBusyPerTick is not { Count: > 0 } ? 0 : (double)loopBusyPerTick.Count(b => b > BusyCpu) / loopBusyPerTick.Count;
        return new GeneratorVerdict(
            lag.ValueAtPercentile(50) / 1000.0,
            p99,
            lag.Max / 1000.0,
            cpuPerTick.Count == 0 ? 0 : cpuPerTick.Average(),
            cpuPerTick.Count == 0 ? 0 : cpuPerTick.Max(),
            busy,
            cores,
            p99 > LagLimitMs || busy > BusyFractionLimit || loopBusy > BusyFractionLimit)
        {
            LoopBusyFraction = loopBusy,
        };
    }

    /// <summary>The warning printed and stored when <see cref="Saturated"/>; null otherwise.</summary>
    public string? Warning()
    {
        if (!Saturated)
        {
            return null;
        }

        var reasons = new List<string>();
        if (LagP99Ms > LagLimitMs)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"scheduling lag p99 {LagP99Ms:0.##} ms (limit {LagLimitMs} ms, max {LagMaxMs:0.##} ms)"));
        }

        if (BusyFraction > BusyFractionLimit)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"CPU above {BusyCpu:0%} of {Cores} cores for {BusyFraction:0%} of the run (limit {BusyFractionLimit:0%})"));
        }

        if (LoopBusyFraction > BusyFractionLimit)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"an event loop busy above {BusyCpu:0%} of the time for {LoopBusyFraction:0%} of the run (limit {BusyFractionLimit:0%}): responses waited for it"));
        }

        return "generator saturated: " + string.Join("; ", reasons)
            + ". Latency figures may describe Pacer rather than the service: lower the rate or connections, or spread the load over more generators.";
    }
}
