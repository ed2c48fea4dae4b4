namespace Pacer.Core.Plans;

/// <summary>One request of the mix, with defaults already applied.</summary>
/// <param name="Name">Reporting name (the <c>name</c> tag); defaults to "METHOD path".</param>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Url">Absolute URL (the plan's target joined with the request path).</param>
/// <param name="Headers">Headers in plan order, defaults first, request overrides replacing by name.</param>
/// <param name="Body">Request body as UTF-8 text, or null for none.</param>
/// <param name="Weight">Relative share of iterations; positive.</param>
/// <param name="Timeout">Per-request timeout; a request that takes longer is recorded as a <c>timeout</c> error.</param>
public sealed record RequestSpec(
    string Name,
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    double Weight,
    TimeSpan Timeout);
