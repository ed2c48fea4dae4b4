namespace Pacer.Core.Monitoring;

/// <summary>
/// One read of <c>/proc/PID/status</c>: its numeric lines (the value's first word) and the CPUs the process may run on, so a
/// sample reads the file once for both.
/// </summary>
/// <param name="Numbers">The <c>key: value</c> lines whose value starts with a number (<c>VmRSS</c>, <c>voluntary_ctxt_switches</c> …).</param>
/// <param name="CpusAllowedList">The <c>Cpus_allowed_list</c> line's text (<c>0-3,8</c>), null when the file has none.</param>
internal sealed record ProcStatus(Dictionary<string, long> Numbers, string? CpusAllowedList);
