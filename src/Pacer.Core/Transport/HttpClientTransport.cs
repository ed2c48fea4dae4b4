using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Pacer.Core.Plans;

namespace Pacer.Core.Transport;

/// <summary>
/// Sends requests with .NET's HttpClient (SocketsHttpHandler): HTTP/1.1, HTTP/2 and TLS. The engine limits concurrency itself,
/// so the handler's pool is unbounded and a request never waits inside HttpClient unseen: its send time is when it left Pacer.
/// Bodies are read through a pooled buffer, counted and discarded.
/// </summary>
internal sealed class HttpClientTransport : ITransport, IFlowTransport, IConnectionCount
{
    private const int BufferSize = 16 * 1024;

    private readonly HttpClient client;
    private readonly Dictionary<RequestSpec, PreparedRequest> prepared = new(ReferenceEqualityComparer.Instance);

    private readonly FirstErrorExamples examples = new();
    private readonly Version version;
    private readonly HttpVersionPolicy policy;
    private long connectionsOpened;

    public HttpClientTransport(IReadOnlyList<RequestSpec> requests, HttpClientTransportOptions options)
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
            ConnectTimeout = requests.Count == 0 ? TimeSpan.FromSeconds(30) : requests.Max(r => r.Timeout),
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
        foreach (var request in requests)
        {
            prepared[request] = new PreparedRequest(request);
        }
    }

    public string Name { get; }

    public long ConnectionsOpened => Interlocked.Read(ref connectionsOpened);

    /// <summary>The first message seen for each kind of failure.</summary>
    public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples => examples.Snapshot();

    public async ValueTask<TransportResult> SendAsync(RequestSpec request, CancellationToken cancellationToken)
    {
        if (!prepared.TryGetValue(request, out var p))
        {
            throw new ArgumentException($"request '{request.Name}' was not given to this transport when it was created", nameof(request));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        using var message = p.CreateMessage(version, policy);
        var send = Stopwatch.GetTimestamp();
        long received = 0;
        var status = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            received = PreparedRequest.ResponseHeaderBytes(response);
            await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token))
            {
                int n;
                while ((n = await body.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    received += n;
                }
            }

            var end = Stopwatch.GetTimestamp();
            var error = ErrorKindNames.FromStatus(status);
            if (error != ErrorKind.None && examples.Wants(error))
            {
                examples.Offer(error, $"HTTP {status} {response.ReasonPhrase} from {request.Method} {request.Url}");
            }

            return new TransportResult(status, error, send, end, p.WireBytes, received);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Our own per-request timeout fired: data, not an exception.
            return Failed(ErrorKind.Timeout, $"no complete response within {request.Timeout.TotalMilliseconds:0} ms from {request.Method} {request.Url}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            // Network and protocol failures are measurements: classify, keep the first message of the kind, and carry on.
            var kind = TransportErrorClassifier.Classify(e);
            return Failed(kind, $"{Innermost(e)} ({request.Method} {request.Url})");
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

            return new TransportResult(status, kind, send, Stopwatch.GetTimestamp(), p.WireBytes, received);
        }
    }

    /// <summary>Sends a flow step's rendered request and keeps the response headers and body (up to
    /// <see cref="FlowResponse.MaxBodyBytes"/> bytes; the rest is counted) for its checks and extractions.</summary>
    public async ValueTask<TransportResult> ExchangeAsync(FlowRequest request, FlowResponse response, CancellationToken cancellationToken)
    {
        var url = request.UrlText;
        var send = Stopwatch.GetTimestamp();
        var status = 0;
        long received = 0;
        var headers = new List<KeyValuePair<string, string>>();
        using var captured = new MemoryStream();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Failed(ErrorKind.Other, $"the rendered URL is not valid ({request.Name}: {request.Method} {url})");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri) { Version = version, VersionPolicy = policy };
        var body = request.HasBody ? request.Body.WrittenSpan.ToArray() : null;
        ByteArrayContent? content = body is null ? null : new ByteArrayContent(body);
        long sent = request.Method.Length + uri.PathAndQuery.Length + uri.Authority.Length + 25 + (body?.Length ?? 0);
        foreach (var (name, value) in request.HeaderPairs())
        {
            sent += name.Length + value.Length + 4;
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                content ??= new ByteArrayContent([]);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Content = content;
        try
        {
            using var reply = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)reply.StatusCode;
            received = PreparedRequest.ResponseHeaderBytes(reply);
            foreach (var header in reply.Headers.Concat(reply.Content.Headers))
            {
                foreach (var value in header.Value)
                {
                    headers.Add(new(header.Key, value));
                }
            }

            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                await using var stream = await reply.Content.ReadAsStreamAsync(timeout.Token);
                int n;
                while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    received += n;
                    if (captured.Length < FlowResponse.MaxBodyBytes)
                    {
                        captured.Write(buffer, 0, (int)Math.Min(n, FlowResponse.MaxBodyBytes - captured.Length));
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            var error = ErrorKindNames.FromStatus(status);
            if (error != ErrorKind.None && examples.Wants(error))
            {
                examples.Offer(error, $"HTTP {status} {reply.ReasonPhrase} from {request.Name}: {request.Method} {url}");
            }

            var result = new TransportResult(status, error, send, Stopwatch.GetTimestamp(), sent, received);
            response.Fill(result, headers, captured.GetBuffer().AsSpan(0, (int)captured.Length));
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return Failed(ErrorKind.Timeout, $"no complete response within {request.Timeout.TotalMilliseconds:0} ms from {request.Name}: {request.Method} {url}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            return Failed(TransportErrorClassifier.Classify(e), $"{Innermost(e)} ({request.Name}: {request.Method} {url})");
        }

        TransportResult Failed(ErrorKind kind, string messageText)
        {
            if (examples.Wants(kind))
            {
                examples.Offer(kind, messageText);
            }

            var result = new TransportResult(status, kind, send, Stopwatch.GetTimestamp(), 0, received);
            response.Fill(result, headers, captured.GetBuffer().AsSpan(0, (int)captured.Length));
            return result;
        }
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
