namespace Pacer.Cli.Doctor;

/// <summary>Where the target runs, as far as its addresses tell.</summary>
/// <param name="OnThisMachine">True when a target address is loopback or one of this machine's; false when none is; null when
/// unknown (no target given, or a name that does not resolve).</param>
/// <param name="Detail">The hosts and addresses behind the answer, e.g. "localhost (127.0.0.1)".</param>
internal sealed record TargetPlacement(bool? OnThisMachine, string Detail);
