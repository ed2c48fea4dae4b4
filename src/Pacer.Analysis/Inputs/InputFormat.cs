namespace Pacer.Analysis.Inputs;

/// <summary>The files <c>pacer compare</c> reads, detected by content or forced with <c>--format</c>.</summary>
public enum InputFormat
{
    /// <summary>A Pacer result file (<c>"schema": "pacer.run/v1"</c>).</summary>
    Pacer,

    /// <summary>k6's end-of-test summary JSON (<c>--summary-export</c> or a <c>handleSummary</c> JSON dump).</summary>
    K6Summary,

    /// <summary>k6's <c>--out json</c> stream: one JSON object per line (<c>Metric</c> and <c>Point</c> entries).</summary>
    K6Points,

    /// <summary>Go benchmark text (<c>go test -bench . -count N</c>).</summary>
    GoBench,

    /// <summary>BenchmarkDotNet's <c>*-report-full.json</c>.</summary>
    BenchmarkDotNet,

    /// <summary>hyperfine's <c>--export-json</c>.</summary>
    Hyperfine,
}
