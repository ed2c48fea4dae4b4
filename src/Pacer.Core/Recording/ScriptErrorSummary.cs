namespace Pacer.Core.Recording;

/// <summary>One kind of script failure at one step: where, what, the first message and how often.</summary>
/// <param name="Location">Where in the plan the step is: <c>plan.yaml:line:col</c>.</param>
/// <param name="Step">The step's reporting name.</param>
/// <param name="Kind">What failed: <c>template</c>, <c>url</c>, <c>header</c>, <c>extract &lt;var&gt;</c>, <c>check &lt;name&gt;</c> or <c>record &lt;metric&gt;</c>.</param>
/// <param name="FirstMessage">The first message seen of this kind at this step.</param>
/// <param name="Count">How many times it happened.</param>
public sealed record ScriptErrorSummary(string Location, string Step, string Kind, string FirstMessage, long Count);
