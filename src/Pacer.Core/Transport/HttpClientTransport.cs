using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Collections.Concurrent;

namespace Pacer.Core.Transport;

/// <summary>
/// Sends requests with .NET's HttpClient (SocketsHttpHandler): HTTP/1.1, HTTP/2 and TLS. The engine limits concurrency itself,
/// so the handler's pool is unbounded and a request never waits inside HttpClient unseen: its send time is when it left Pacer.
/// Bodies are read through a pooled buffer and counted, and kept only where the caller gives a <see cref="ExchangeResponse"/>.
/// It does not hold scheduled exchanges: each is handed over at its time.
/// </summary>
internal sealed class HttpClientTransport : ITransport, IConnectionCount
{
    private const int BufferSize = 16 * 1024;

    private readonly HttpClient client;
    private static readonly IReadOnlySet<string> HttpSchemes = new HashSet<string>(StringComparer.Ordinal) { "http", "https" };

    /// <summary>Frozen requests (a mix's) decoded once each; a scenario step's is decoded per send.</summary>
    private readonly ConcurrentDictionary<ExchangeRequest, HttpClientRequest?> prepared = new(ReferenceEqualityComparer.Instance);

    private readonly FirstErrorExamples examples = new();
    private readonly Version version;
    private readonly HttpVersionPolicy policy;
    private long connectionsOpened;

    /// <summary>A client whose connect timeout is the longest of <paramref name="known"/>'s timeouts (a mix's requests, decoded now).</summary>
    public HttpClientTransport(IReadOnlyList<ExchangeRequest> known, HttpClientTransportOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectTimeout = known.Count == 0 ? TimeSpan.FromSeconds(30) : known.Max(r => r.Timeout),
            EnableMultipleHttp2Connections = true,

            // The handler's own connect, done here so every connection it opens is counted (it offers no counter of its own).
            ConnectCallback = ConnectAsync,
        };
        if (options.SkipCertificateValidation)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }

        client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        version = options.Http2 ? HttpVersion.Version20 : HttpVersion.Version11;
        policy = options.Http2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower;
        Name = options.Http2 ? "httpclient/2" : "httpclient/1.1";
        foreach (var request in known.Where(r => r.IsFrozen))
        {
            prepared[request] = HttpClientRequest.From(request);
        }

        Capabilities = new TransportCapabilities(HttpSchemes) { Connections = this };
    }

    public string Name { get; }

    public TransportCapabilities Capabilities { get; }

    public long ConnectionsOpened => Interlocked.Read(ref connectionsOpened);

    /// <summary>Unknown: SocketsHttpHandler discards an idle connection whose read-ahead found bytes without saying so.</summary>
    public long? ConnectionsWithStrayBytes => null;

    /// <summary>The first message seen for each kind of failure.</summary>
    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples => examples.Snapshot();

    /// <summary>
    /// Sends <paramref name="request"/> and reads the whole response; with <paramref name="response"/> its headers and body (up to
    /// <see cref="ExchangeResponse.MaxBodyBytes"/> bytes; the rest is counted) are kept there for a step's checks and extractions.
    /// Bytes sent are counted as HTTP/1.1 frames the request (<see cref="ExchangeRequest.WireLength"/>).
    /// </summary>
    public async ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
    {
        TransportContract.EnsureNotHeld(this, notBeforeTicks);
        var send = Stopwatch.GetTimestamp();
        var status = 0;
        long received = 0;
        long sent = request.WireLength;
        var headers = response is null ? null : new List<KeyValuePair<string, string>>();
        using var captured = response is null ? null : new MemoryStream();
        var decoded = request.IsFrozen ? prepared.GetOrAdd(request, static r => HttpClientRequest.From(r)) : HttpClientRequest.From(request);
        if (decoded is null)
        {
            sent = 0;
            return Failed(ErrorKind.Other, $"the rendered URL is not valid ({request.Describe()})");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        using var message = decoded.CreateMessage(version, policy);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            send = Stopwatch.GetTimestamp();
            using var reply = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)reply.StatusCode;
            received = HttpClientRequest.ResponseHeaderBytes(reply);
            if (headers is not null)
            {
                foreach (var header in reply.Headers.Concat(reply.Content.Headers))
                {
                    foreach (var value in header.Value)
                    {
                        headers.Add(new(header.Key, value));
                    }
                }
            }

            await using (var body = await reply.Content.ReadAsStreamAsync(timeout.Token))
            {
                int n;
                while ((n = await body.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    received += n;
                    if (captured is not null && captured.Length < ExchangeResponse.MaxBodyBytes)
                    {
                        captured.Write(buffer, 0, (int)Math.Min(n, ExchangeResponse.MaxBodyBytes - captured.Length));
                    }
                }
            }

            var error = ErrorKindNames.FromStatus(status);
            if (error != ErrorKind.None && examples.Wants(error))
            {
                examples.Offer(error, $"HTTP {status} {reply.ReasonPhrase} from {request.Describe()}");
            }

            var result = new TransportResult(status, error, send, Stopwatch.GetTimestamp(), sent, received);
            Keep(result);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Our own per-request timeout fired: data, not an exception.
            return Failed(ErrorKind.Timeout, $"no complete response within {request.Timeout.TotalMilliseconds:0} ms from {request.Describe()}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            // Network and protocol failures are measurements: classify, keep the first message of the kind, and carry on.
            return Failed(TransportErrorClassifier.Classify(e), $"{Innermost(e)} ({request.Describe()})");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        TransportResult Failed(ErrorKind kind, string messageText)
        {
            if (examples.Wants(kind))
            {
                examples.Offer(kind, messageText);
            }

            var result = new TransportResult(status, kind, send, Stopwatch.GetTimestamp(), sent, received);
            Keep(result);
            return result;
        }

        void Keep(in TransportResult result) =>
            response?.Fill(result, headers!, captured!.GetBuffer().AsSpan(0, (int)captured.Length));
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Opens a TCP connection as SocketsHttpHandler does without a callback (a dual-mode socket with Nagle off, connected to
    /// the host by name, so IPv4 and IPv6 both work) and counts it once connected.
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Interlocked.Increment(ref connectionsOpened);
        return new FirstWriteGuardStream(socket);
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
