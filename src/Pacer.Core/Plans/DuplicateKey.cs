namespace Pacer.Core.Plans;

/// <summary>A key given twice in one mapping: the error, and the span of its entry's text (key to the end of its value, as character indexes).</summary>
internal sealed record DuplicateKey(PlanError Error, long From, long To);
