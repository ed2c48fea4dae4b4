using Pacer.Core.Plans;
using Pacer.Core.Thresholds;

namespace Pacer.Core.Results;

/// <summary>
/// Judges thresholds on a saved result (<c>pacer check</c>) through the same metric catalogue a run uses, so a threshold judged
/// here gets exactly the verdict and actual value it would have got at the end of that run.
/// </summary>
public static class ResultThresholds
{
    /// <summary>
    /// Reads the <c>thresholds:</c> section of the YAML file at <paramref name="path"/> (a plan, or a file holding only that
    /// section), checking request, check, group and metric names against <paramref name="result"/>.
    /// </summary>
    /// <exception cref="PlanException">The file cannot be read, or every mistake in it, each with its line and column.</exception>
    public static IReadOnlyList<ThresholdSpec> ReadFile(RunResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = InputFile.ReadText(path, InputFile.MaxPlanBytes);
        }
        catch (InputFileException e)
        {
            throw new PlanException([new PlanError(path, 0, 0, $"cannot read the thresholds: {e.Message}")]);
        }

        return ThresholdsText.ReadFile(text, path, Names(result));
    }

    /// <summary>
    /// Reads one threshold written as <c>metric{tags}: expression</c>, checking names against <paramref name="result"/>;
    /// <paramref name="place"/> names it in errors.
    /// </summary>
    /// <exception cref="PlanException">What is wrong, with its place.</exception>
    public static IReadOnlyList<ThresholdSpec> ReadOption(RunResult result, string text, string place) =>
        ThresholdsText.ReadOption(text, place, Names(result));

    /// <summary>Judges <paramref name="thresholds"/> on <paramref name="result"/>'s figures.</summary>
    /// <exception cref="MetricSourceException">The file lacks figures a threshold needs (it was written by an older Pacer).</exception>
    public static ThresholdCheck Judge(RunResult result, IReadOnlyList<ThresholdSpec> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var catalog = new MetricCatalog(new SavedResultMetricSource(result));
        return new ThresholdCheck(ThresholdResults.From(thresholds.Select(catalog.Judge)), ThresholdResults.Unanswered(catalog));
    }

    private static ThresholdNames Names(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ThresholdNames([.. result.Requests.Select(r => r.Name)], [.. result.Checks.Select(c => c.Name)], SavedResultMetricSource.CustomSpecs(result), [.. result.Groups.Select(g => g.Name)]);
    }
}
