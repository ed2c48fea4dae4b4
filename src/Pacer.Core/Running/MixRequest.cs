using System.Runtime.CompilerServices;
using System.Text;
using Pacer.Core.Plans;
using Pacer.Core.Transport;

namespace Pacer.Core.Running;

/// <summary>
/// A request mix as the transport sends it: each <see cref="RequestSpec"/> becomes a one-step exchange framed once, here, at
/// load and frozen, so every send writes the same bytes with no rendering and no allocation.
/// </summary>
internal static class MixRequest
{
    // Frozen exchanges are immutable and shared by every sender, so one plan's are made once and kept while the plan lives:
    // the transport prepares them when it is made (HttpClient decodes each once, by reference), and the warm-up and the run
    // then send those very objects rather than copies it has never seen.
    private static readonly ConditionalWeakTable<LoadPlan, ExchangeRequest[]> ByPlan = [];

    /// <summary>The frozen exchanges of <paramref name="plan"/>'s request mix, in order: the same objects on every call.</summary>
    public static IReadOnlyList<ExchangeRequest> Of(LoadPlan plan) => ByPlan.GetValue(plan, static p => EncodeAll(p.Requests));

    /// <summary>The frozen exchanges of <paramref name="requests"/>, in order.</summary>
    public static ExchangeRequest[] EncodeAll(IReadOnlyList<RequestSpec> requests) => [.. requests.Select(Encode)];

    /// <summary>
    /// <paramref name="spec"/> framed once. A request built in code that would put CR, LF or NUL on the wire is refused (the
    /// plan reader already refused a plan's); the user's Content-Length and Transfer-Encoding are left out, because the
    /// framing sets the length itself and a second one would contradict it.
    /// </summary>
    public static ExchangeRequest Encode(RequestSpec spec)
    {
        EnsureSendable(spec);

        // Authority and PathAndQuery as Uri normalised and escaped them: the bytes on the wire are what they always were.
        var url = Encoding.UTF8.GetBytes($"{spec.Url.Scheme}://{spec.Url.Authority}{spec.Url.PathAndQuery}");
        if (!UrlParts.TryParse(url, out var parts, out var problem))
        {
            throw new ArgumentException($"request '{spec.Name}': {problem}", nameof(spec));
        }

        var headers = new StringBuilder();
        var hasHost = false;
        foreach (var (name, value) in spec.Headers)
        {
            hasHost |= name.Equals("Host", StringComparison.OrdinalIgnoreCase);
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                headers.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        var body = spec.Body is null ? [] : Encoding.UTF8.GetBytes(spec.Body);
        var request = new ExchangeRequest();
        request.Set(spec.Name, spec.Method, spec.Timeout, url, parts, Encoding.UTF8.GetBytes(headers.ToString()), hasHost, body, spec.Body is not null, namedInMessages: false);
        return request.Freeze();
    }

    /// <summary>Refuses a request whose method, target or headers would put CR, LF or NUL on the wire (see <see cref="RequestText"/>).</summary>
    public static void EnsureSendable(RequestSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problem = !RequestText.IsToken(spec.Method) ? $"method '{spec.Method}' is not a token" : RequestText.Problem("the target", spec.Url.PathAndQuery);
        foreach (var (name, value) in spec.Headers)
        {
            problem ??= !RequestText.IsToken(name) ? $"header name '{RequestText.Escape(name)}' is not a token" : RequestText.Problem($"header '{name}'", value);
        }

        if (problem is not null)
        {
            throw new ArgumentException($"request '{spec.Name}': {problem}", nameof(spec));
        }
    }
}
