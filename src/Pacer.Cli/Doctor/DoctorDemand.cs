namespace Pacer.Cli.Doctor;

/// <summary>What the run being prepared will ask of this machine.</summary>
/// <param name="Connections">The most connections it may hold at once.</param>
/// <param name="ConnectionsFrom">Where that number comes from, for the output ("plan.yaml", "--connections", a default).</param>
/// <param name="Hosts">The host names or addresses it sends to; empty when no target was given.</param>
internal sealed record DoctorDemand(int Connections, string ConnectionsFrom, IReadOnlyList<string> Hosts);
