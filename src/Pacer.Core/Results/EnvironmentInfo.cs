namespace Pacer.Core.Results;

/// <summary>The machine and software that generated the load.</summary>
/// <param name="Machine">Host name.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="Dotnet">.NET runtime description.</param>
/// <param name="Cores">Logical processors available to Pacer.</param>
/// <param name="PacerVersion">Pacer's informational version.</param>
/// <param name="Transport">The transport that sent the requests, e.g. <c>httpclient/1.1</c>.</param>
public sealed record EnvironmentInfo(
    string Machine,
    string Os,
    string Dotnet,
    int Cores,
    string PacerVersion,
    string Transport);
