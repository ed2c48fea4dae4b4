namespace Pacer.Core.Flows;

/// <summary>A request header whose value may hold placeholders.</summary>
internal sealed record HeaderTemplate(string Name, Template Value);
