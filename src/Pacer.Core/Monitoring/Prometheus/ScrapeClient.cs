using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// GETs a URL for a watcher: bounded in time (a scrape must fit in the second it belongs to) and in size (a runaway endpoint
/// costs an error, not the generator's memory), every failure a <see cref="ScrapeException"/> with a short stable message so
/// that the source's error list counts repeats instead of growing.
/// </summary>
internal sealed class ScrapeClient : IDisposable
{
    private readonly HttpClient client;
    private readonly TimeProvider time;
    private readonly TimeSpan timeout;
    private readonly long maxBytes;

    public ScrapeClient(TimeProvider time, TimeSpan timeout, long maxBytes, HttpMessageHandler? handler = null)
    {
        this.time = time;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // The watched service is reached directly, as the load reaches it; a proxy would measure itself.
            UseProxy = false,
        })
        {
            // The deadline below is the one that counts; HttpClient's own would fire on the machine's clock.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The body of a 2xx answer to a GET as text, and the timestamp (of the watcher's clock) at which its headers arrived.</summary>
    public async Task<(string Body, long ReceivedAt)> GetAsync(Uri url, string accept, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var answer = await SendAsync(request, cancellationToken, limit);
        if (answer.Status is < 200 or > 299) throw new ScrapeException($"HTTP {answer.Status} {answer.Reason} from {url}");
        return (answer.Body, answer.ReceivedAt);
    }

    /// <summary>Sends <paramref name="request"/> and reads its answer whatever its status (an API's error body says what went wrong).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancelled when the caller stops waiting.</param>
    /// <param name="limit">How long it may take; the client's timeout when null.</param>
    public async Task<(int Status, string? Reason, string Body, long ReceivedAt)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var url = request.RequestUri!;
        var allowed = limit ?? timeout;
        using var deadline = new CancellationTokenSource(allowed, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var receivedAt = time.GetTimestamp();
            if (response.Content.Headers.ContentLength > maxBytes) throw TooLarge(url);
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            using var body = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, linked.Token)) > 0)
            {
                if (body.Length + read > maxBytes) throw TooLarge(url);
                body.Write(buffer, 0, read);
            }

            return ((int)response.StatusCode, response.ReasonPhrase, Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), receivedAt);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ScrapeException($"no answer from {url} within {allowed.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException socket)
        {
            throw new ScrapeException($"{Describe(socket.SocketErrorCode)} ({url})", e);
        }
        catch (HttpRequestException e)
        {
            throw new ScrapeException($"{e.Message} ({url})", e);
        }
        catch (IOException e)
        {
            // The connection broke while the body was being read.
            throw new ScrapeException($"the answer was cut off: {e.Message} ({url})", e);
        }
    }

    public void Dispose() => client.Dispose();

    private ScrapeException TooLarge(Uri url) => new($"the answer from {url} is larger than {(maxBytes >= 1024 * 1024 ? $"{maxBytes / (1024 * 1024.0):0.#} MB" : $"{maxBytes} bytes")}, the most a watcher reads");

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset",
        SocketError.HostNotFound or SocketError.NoData => "host not found",
        SocketError.TimedOut => "connection timed out",
        _ => $"socket error {error}",
    };
}
