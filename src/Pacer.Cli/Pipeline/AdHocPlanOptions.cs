namespace Pacer.Cli.Pipeline;

/// <summary>The flags of an ad-hoc <c>pacer run --url …</c>.</summary>
internal sealed record AdHocPlanOptions(
    string Url,
    string Method,
    IReadOnlyList<string> Headers,
    string? Body,
    double? Rate,
    int? Vus,
    string Duration,
    int? Connections,
    string? Timeout);
