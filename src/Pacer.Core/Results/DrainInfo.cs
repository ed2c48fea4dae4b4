namespace Pacer.Core.Results;

/// <summary>
/// The drain: from the end of the load period until the last request ended or was abandoned (graceful stop). Nothing new
/// starts in it (a journey may finish its steps); what completes in it is in every total, and counted here too.
/// </summary>
/// <param name="Seconds">How long the drain lasted.</param>
/// <param name="Requests">Requests that completed in it.</param>
/// <param name="Failures">Of which failed.</param>
public sealed record DrainInfo(double Seconds, long Requests, long Failures);
