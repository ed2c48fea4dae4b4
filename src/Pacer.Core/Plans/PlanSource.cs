namespace Pacer.Core.Plans;

/// <summary>The origin of a plan: a file path (or a pseudo-name such as <c>&lt;command line&gt;</c>) and its exact text.</summary>
public sealed record PlanSource(string Path, string Text);
