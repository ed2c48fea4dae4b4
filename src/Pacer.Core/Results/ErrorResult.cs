namespace Pacer.Core.Results;

/// <summary>How often one kind of failure happened, with the first message seen as an example.</summary>
/// <param name="Kind">refused, reset, timeout, protocol, dns, tls, http_4xx, http_5xx or other.</param>
/// <param name="Count">Number of requests that failed this way.</param>
/// <param name="Example">The first message seen, if any.</param>
public sealed record ErrorResult(string Kind, long Count, string? Example);
