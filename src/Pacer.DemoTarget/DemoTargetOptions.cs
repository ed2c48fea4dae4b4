namespace Pacer.DemoTarget;

/// <summary>Settings of the demo target.</summary>
public sealed record DemoTargetOptions;
