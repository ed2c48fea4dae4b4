using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Plans;

/// <summary>A request step's URL as read from the plan.</summary>
/// <param name="Path">The <c>path</c> as written (it names the step when the step has no name).</param>
/// <param name="Text">The absolute URL: the path joined with the target, the query appended.</param>
/// <param name="Template">The URL compiled as a template; null when a placeholder in it is wrong (reported).</param>
internal sealed record StepUrl(string Path, string Text, Template? Template);
