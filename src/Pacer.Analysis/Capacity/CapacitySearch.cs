namespace Pacer.Analysis.Capacity;

/// <summary>
/// Finds the highest constant load that still meets the targets: doubling (or halving) brackets the ceiling between a level
/// that held and one that did not, bisection narrows the bracket (in ratio, so 5% means 5% at any scale), and each repeat
/// runs the bracket's two ends again and narrows afresh where a step disagrees with the first pass, so noisy steps widen the
/// interval instead of moving the answer by luck.
/// </summary>
public static class CapacitySearch
{
    /// <summary>Runs the search with <paramref name="runner"/>; steps are reported to <paramref name="progress"/> as they finish.</summary>
    /// <param name="runner">Runs one constant-load step.</param>
    /// <param name="options">Where to start, the bounds, the precision, repeats and the step budget.</param>
    /// <param name="progress">Told of every step as it finishes; may be null.</param>
    /// <param name="cancellationToken">Stops the search; the steps run so far come back with <see cref="CapacityOutcome.Interrupted"/>.</param>
    /// <exception cref="ArgumentException">An option cannot work (<see cref="CapacitySearchOptions.Validate"/>).</exception>
    public static async Task<CapacitySearchResult> RunAsync(ICapacityStepRunner runner, CapacitySearchOptions options, IProgress<CapacityStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var search = new Search(runner, options, progress);
        try
        {
            return await search.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Not rethrown: what was measured before the interrupt is the user's, and the caller reports it as interrupted.
            return search.Finish(CapacityOutcome.Interrupted);
        }
    }

    private sealed class Search(ICapacityStepRunner runner, CapacitySearchOptions options, IProgress<CapacityStep>? progress)
    {
        private const double Growth = 2.0;
        private readonly List<CapacityStep> steps = [];
        private readonly List<(double Held, double Failed)> brackets = [];
        private CapacityOutcome? ended;

        public async Task<CapacitySearchResult> RunAsync(CancellationToken cancellationToken)
        {
            var bracket = await BracketAsync(options.Start, CapacityPhase.Bracket, cancellationToken);
            if (bracket is null)
            {
                return Finish(ended!.Value);
            }

            var narrowed = await BisectAsync(bracket.Value, cancellationToken);
            brackets.Add(narrowed);
            for (var repeat = 1; repeat < options.Repeats && ended is null; repeat++)
            {
                if (!HasBudget(2))
                {
                    ended = CapacityOutcome.StepBudget;
                    break;
                }

                var (held, failed) = brackets[^1];
                var low = await StepAsync(held, CapacityPhase.Confirm, cancellationToken);
                var high = await StepAsync(failed, CapacityPhase.Confirm, cancellationToken);
                if (ended is not null)
                {
                    break;
                }

                var width = Math.Max(failed / held - 1, options.Precision);
                (double, double)? again = (low.Held, high.Held) switch
                {
                    (true, false) => (held, failed),
                    // The level that held before missed this time: the ceiling may be lower; bracket again from below it.
                    (false, _) => await BracketDownAsync(held, Level(held / (1 + 2 * width)), CapacityPhase.Confirm, cancellationToken),
                    // The level that missed before held this time: the ceiling may be higher; bracket again from above it.
                    (true, true) => await BracketUpAsync(failed, Level(failed * (1 + 2 * width)), CapacityPhase.Confirm, cancellationToken),
                };
                if (again is null)
                {
                    break;
                }

                brackets.Add(await BisectAsync(again.Value, cancellationToken));
            }

            return Finish(ended ?? (brackets.All(b => Narrow(b.Held, b.Failed)) ? CapacityOutcome.Found : CapacityOutcome.StepBudget));
        }

        public CapacitySearchResult Finish(CapacityOutcome outcome)
        {
            if (brackets.Count == 0)
            {
                // No bracket: either nothing held, or the maximum held, or the search stopped first. The capacity is then the
                // highest level that held, with no upper end known.
                var held = steps.Where(s => s.Held).Select(s => s.Level).DefaultIfEmpty().Max();
                var failed = steps.Where(s => !s.Held && s.Level > held && !s.GeneratorLimited).Select(s => s.Level).DefaultIfEmpty().Min();
                return new CapacitySearchResult([.. steps], outcome, held > 0 ? held : null, held > 0 ? held : null, failed > 0 ? failed : null);
            }

            var capacities = brackets.Select(b => b.Held).Order().ToList();
            var median = capacities[(capacities.Count - 1) / 2];
            return new CapacitySearchResult([.. steps], outcome, median, capacities[0], brackets.Max(b => b.Failed));
        }

        /// <summary>The first bracket: doubles from the start while steps hold, halves while they fail; null when the search ended.</summary>
        private async Task<(double Held, double Failed)?> BracketAsync(double start, CapacityPhase phase, CancellationToken cancellationToken)
        {
            var first = await StepAsync(start, phase, cancellationToken);
            if (ended is not null)
            {
                return null;
            }

            return first.Held
                ? await BracketUpAsync(start, Level(start * Growth), phase, cancellationToken)
                : await BracketDownAsync(start, Level(start / Growth), phase, cancellationToken);
        }

        /// <summary>From a level that held, steps up (doubling) until one fails.</summary>
        private async Task<(double, double)?> BracketUpAsync(double held, double next, CapacityPhase phase, CancellationToken cancellationToken)
        {
            while (true)
            {
                next = Math.Min(next, options.Maximum);
                if (next <= held)
                {
                    ended = CapacityOutcome.AboveMaximum;
                    return null;
                }

                if (!HasBudget(1))
                {
                    ended = CapacityOutcome.StepBudget;
                    return null;
                }

                var step = await StepAsync(next, phase, cancellationToken);
                if (ended is not null)
                {
                    return null;
                }

                if (!step.Held)
                {
                    return (held, next);
                }

                held = next;
                next = Level(next * Growth);
            }
        }

        /// <summary>From a level that failed, steps down (halving) until one holds.</summary>
        private async Task<(double, double)?> BracketDownAsync(double failed, double next, CapacityPhase phase, CancellationToken cancellationToken)
        {
            while (true)
            {
                next = Math.Max(next, options.Minimum);
                if (next >= failed)
                {
                    ended = CapacityOutcome.NoneHeld;
                    return null;
                }

                if (!HasBudget(1))
                {
                    ended = CapacityOutcome.StepBudget;
                    return null;
                }

                var step = await StepAsync(next, phase, cancellationToken);
                if (ended is not null)
                {
                    return null;
                }

                if (step.Held)
                {
                    return (next, failed);
                }

                failed = next;
                next = Level(next / Growth);
            }
        }

        /// <summary>Halves the bracket (geometrically) until the failing end is within the precision of the holding one.</summary>
        private async Task<(double Held, double Failed)> BisectAsync((double Held, double Failed) bracket, CancellationToken cancellationToken)
        {
            var (held, failed) = bracket;
            while (!Narrow(held, failed) && ended is null && HasBudget(1))
            {
                var middle = Level(Math.Sqrt(held * failed));
                if (middle <= held || middle >= failed)
                {
                    break;
                }

                var step = await StepAsync(middle, CapacityPhase.Bisect, cancellationToken);
                if (ended is not null)
                {
                    break;
                }

                (held, failed) = step.Held ? (middle, failed) : (held, middle);
            }

            return (held, failed);
        }

        private async Task<CapacityStep> StepAsync(double level, CapacityPhase phase, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = await runner.RunStepAsync(level, cancellationToken);
            step = step with { Level = level, Index = steps.Count + 1, Phase = phase };
            steps.Add(step);
            progress?.Report(step);

            // A miss while Pacer itself could not keep up says nothing about the service: going on would bisect Pacer's limit.
            if (!step.Held && step.GeneratorLimited)
            {
                ended = CapacityOutcome.GeneratorLimited;
            }

            return step;
        }

        private bool Narrow(double held, double failed) =>
            failed / held - 1 <= options.Precision || (options.WholeLevels && failed - held <= 1);

        private bool HasBudget(int needed) => steps.Count + needed <= options.MaxSteps;

        private double Level(double value) => options.WholeLevels ? Math.Max(1, Math.Round(value)) : value;
    }
}
