using Pacer.Analysis.Capacity;
using Pacer.Core.Transport;

namespace Pacer.Cli.Pipeline;

/// <summary>How <c>pacer capacity</c> searches and reports (docs/capacity.md).</summary>
/// <param name="Search">Where the search starts, its bounds, precision, repeats and step budget.</param>
/// <param name="Criteria">What a step must meet beyond the plan's thresholds.</param>
/// <param name="LongestStep">The longest a step runs when it does not settle (the plan's duration for each step).</param>
/// <param name="ShortestStep">The shortest a step runs even when it is steady sooner.</param>
internal sealed record CapacitySettings(CapacitySearchOptions Search, CapacityCriteria Criteria, TimeSpan LongestStep, TimeSpan ShortestStep)
{
    /// <summary>The shortest a step runs once steady unless told otherwise: <c>pacer capacity</c>'s <c>--min-step-time</c> default, and tune's.</summary>
    public static readonly TimeSpan DefaultShortestStep = TimeSpan.FromSeconds(5);

    /// <summary>Where the capacity report (pacer.capacity/v1 JSON) goes.</summary>
    public string OutPath { get; init; } = "pacer-capacity.json";

    /// <summary>Also write the HTML page here.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>Plan replicas for this rate (requests per second); null for none.</summary>
    public double? TargetRate { get; init; }

    /// <summary>The share of a replica's capacity it is planned to run at.</summary>
    public double Headroom { get; init; } = 0.7;

    /// <summary>The deployment the HPA snippet scales.</summary>
    public string Deployment { get; init; } = "service";

    /// <summary>A pause between steps, so the service drains what the previous step left queued.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Print a line per step as it ends.</summary>
    public bool ShowProgress { get; init; } = true;

    /// <summary>The transport every step uses.</summary>
    public TransportChoice Transport { get; init; } = TransportChoice.Auto;

    /// <summary>Files the search reads (the plan, SLO files): an output naming one of them is refused.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>The service to start once before the first step and stop after the last (<c>--watch-cmd</c>).</summary>
    public ServiceCommand? Service { get; init; }
}
