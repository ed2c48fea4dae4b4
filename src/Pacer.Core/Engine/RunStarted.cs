using Pacer.Core.Plans;

namespace Pacer.Core.Engine;

/// <summary>A run is about to send load.</summary>
/// <param name="Plan">The plan being run.</param>
/// <param name="Model">Its load model as the result names it: <c>open</c>, <c>closed</c>, or <c>mixed</c> (scenarios with loads of different models).</param>
/// <param name="TransportName">The transport that carries the requests, as the result names it.</param>
/// <param name="Stop">Stops the run early, with a reason.</param>
public sealed record RunStarted(LoadPlan Plan, string Model, string TransportName, RunStopHandle Stop);
