namespace Pacer.Core.Recording;

/// <summary>One kind of script failure at one step: where, what, the first message and how often.</summary>
public sealed record ScriptErrorSummary(string Location, string Step, string Kind, string FirstMessage, long Count);
