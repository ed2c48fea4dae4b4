namespace Pacer.Core.Plans.Scenarios;

/// <summary>One CSV record and the 1-based line it starts on, for error messages.</summary>
/// <param name="Line">The line the record starts on.</param>
/// <param name="Fields">The record's fields, unquoted.</param>
internal sealed record CsvRecord(int Line, string[] Fields);
