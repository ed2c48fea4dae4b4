namespace Pacer.Core.Plans.Scenarios;

/// <summary>One piece of a compiled <see cref="Template"/>.</summary>
/// <param name="Kind">What the piece writes.</param>
/// <param name="Text">The literal text, the variable's name or the data column's name; empty for the other kinds.</param>
/// <param name="Min">The smallest value <see cref="TemplatePartKind.Random"/> draws.</param>
/// <param name="Max">The largest value <see cref="TemplatePartKind.Random"/> draws.</param>
internal readonly record struct TemplatePart(TemplatePartKind Kind, string Text, int Min = 0, int Max = 0);
