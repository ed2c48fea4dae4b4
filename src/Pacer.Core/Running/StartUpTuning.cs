using System.Globalization;

namespace Pacer.Core.Running;

/// <summary>
/// The two start-up settings of the open model at high rates (issue 12 defect 6, docs/truth.md round 6), read once from the
/// environment so <c>bench/startup.sh</c> can compare them in the same build: <c>PACER_START_LEAD_MS</c> and
/// <c>PACER_TIERUP_ROUNDS</c>. They are measurement switches, not plan settings: each default is what the measurements
/// support, and a value out of range is ignored (the default holds).
/// </summary>
internal static class StartUpTuning
{
    /// <summary>
    /// How far ahead of the moment every lane is ready the schedule's time zero is set, on the machine's clock. The dispatcher
    /// is woken by the clock's start and the event loop by the first hand-over, each up to a millisecond late on a virtual
    /// machine: with 2 ms the first arrival reached the server 0.5–2.9 ms late (quiet machine, 5 runs), with 20 ms 73–155 µs
    /// late (4 runs), since the dispatcher then paces the first arrivals as it paces every later one. 20 ms of waiting before a
    /// run is not a cost anyone sees.
    /// </summary>
    public static TimeSpan StartLead { get; } = TimeSpan.FromMilliseconds(Parse(Environment.GetEnvironmentVariable("PACER_START_LEAD_MS"), 20, 2, 1000));

    /// <summary>
    /// How many rounds an open lane's rehearsal may take (see <see cref="OpenLaneRunner"/>): the first warms the path and opens
    /// the connections; each further round comes once the runtime's JIT has been quiet for <see cref="JitSettling.Quiet"/>, so
    /// the methods the last round made hot are counted and re-compiled (tier 1) before time zero instead of 150–500 ms into
    /// the run; the rounds end early once one compiles nothing, and all of them within <see cref="OpenLaneRunner.TierUpBound"/>.
    /// 1 turns the further rounds off.
    /// </summary>
    public static int TierUpRounds { get; } = Parse(Environment.GetEnvironmentVariable("PACER_TIERUP_ROUNDS"), 1, 1, 20);

    /// <summary>A switch's value: a whole number from <paramref name="min"/> to <paramref name="max"/>, else <paramref name="fallback"/>.</summary>
    public static int Parse(string? text, int fallback, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : fallback;
}
