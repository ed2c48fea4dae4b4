namespace Pacer.Core.Transport;

/// <summary>The stable snake_case names of <see cref="ErrorKind"/> used in summaries, result files and tag filters.</summary>
public static class ErrorKindNames
{
    /// <summary>The name of <paramref name="kind"/> as written in results: refused, reset, timeout, protocol, dns, tls, http_4xx, http_5xx, other, abandoned.</summary>
    public static string ToName(this ErrorKind kind) => kind switch
    {
        ErrorKind.None => "none",
        ErrorKind.Refused => "refused",
        ErrorKind.Reset => "reset",
        ErrorKind.Timeout => "timeout",
        ErrorKind.Protocol => "protocol",
        ErrorKind.Dns => "dns",
        ErrorKind.Tls => "tls",
        ErrorKind.Http4xx => "http_4xx",
        ErrorKind.Http5xx => "http_5xx",
        ErrorKind.Abandoned => "abandoned",
        _ => "other",
    };

    /// <summary>The kind an HTTP status implies: none below 400, http_4xx, http_5xx.</summary>
    public static ErrorKind FromStatus(int status) => status switch
    {
        >= 500 => ErrorKind.Http5xx,
        >= 400 => ErrorKind.Http4xx,
        _ => ErrorKind.None,
    };
}
