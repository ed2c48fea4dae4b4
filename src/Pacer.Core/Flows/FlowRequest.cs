namespace Pacer.Core.Flows;

/// <summary>One rendered request of a flow step, ready for the transport.</summary>
/// <param name="Name">The step's reporting name.</param>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Url">Absolute URL after rendering its template.</param>
/// <param name="Headers">Rendered headers, including the virtual user's cookies.</param>
/// <param name="Body">Body bytes, or null for none.</param>
/// <param name="Timeout">Per-request timeout.</param>
internal sealed record FlowRequest(
    string Name,
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    TimeSpan Timeout);
