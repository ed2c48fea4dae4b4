// bench/websocket.sh's helper.
//   serve PORTS                         a WebSocket echo server (Kestrel) on 127.0.0.1, PORTS listening ports (the kernel picks
//                                       them); prints one ws:// URL a line, then echoes until its standard input closes
//   idle CLIENT SMALL LARGE URL...      opens SMALL idle sockets, then LARGE, over the URLs in turn, and prints the process's
//                                       RSS and managed heap at each and the bytes per added socket. CLIENT is
//                                         pacer     Pacer's own connector (WebSocketConnectors.Default): what a plan's ws: connect
//                                                   opens, receive loop and all
//                                         clientws  a bare ClientWebSocket after its handshake, nothing pending on it
//                                         socket    a Socket with a hand-written handshake and a pending zero-byte receive: the
//                                                   least an own framing over .NET sockets could keep per socket
//                                       With WSBENCH_HOLD=1 the sockets stay open until standard input closes (for a heap dump).
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pacer.Core.Transport.WebSockets;

return args switch
{
    ["serve", var ports] => await ServeAsync(int.Parse(ports, CultureInfo.InvariantCulture)),
    ["idle", var client, var small, var large, .. var urls] when urls.Length > 0 =>
        await IdleAsync(client, int.Parse(small, CultureInfo.InvariantCulture), int.Parse(large, CultureInfo.InvariantCulture), [.. urls.Select(u => new Uri(u))]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: WsBench serve PORTS | WsBench idle pacer|clientws|socket SMALL LARGE URL...");
    return 2;
}

static async Task<int> ServeAsync(int ports)
{
    var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
    builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
    {
        k.Limits.MaxConcurrentConnections = null;
        k.Limits.MaxConcurrentUpgradedConnections = null;
        for (var i = 0; i < ports; i++)
        {
            k.Listen(IPAddress.Loopback, 0);
        }
    });
    builder.Services.Configure<SocketTransportOptions>(o => o.Backlog = 4096);
    builder.Logging.ClearProviders();
    var app = builder.Build();
    app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
    app.Run(EchoAsync);
    await app.StartAsync();
    foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
    {
        Console.WriteLine("ws" + address[4..] + "/");
    }

    Console.Out.Flush();
    await Console.In.ReadToEndAsync();
    await app.StopAsync();
    return 0;
}

// Echoes each message back as it came (text as text, binary as binary). An idle socket waits with a zero-byte receive and
// holds no buffer, so ten thousand idle clients cost the server little; a buffer is rented only while a message is in.
static async Task EchoAsync(HttpContext context)
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = 400;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var stop = context.RequestAborted;
    try
    {
        while (true)
        {
            await socket.ReceiveAsync(Memory<byte>.Empty, stop);
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length), stop);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, stop);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, length), result.MessageType, endOfMessage: true, stop);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
    catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
    {
        // The client went away without a close handshake (a bench client is stopped at the end of its round).
    }
}

static async Task<int> IdleAsync(string client, int small, int large, Uri[] urls)
{
    Func<Uri, Task<object>> open = client switch
    {
        "pacer" => OpenPacerAsync,
        "clientws" => OpenClientWebSocketAsync,
        "socket" => OpenSocketAsync,
        _ => throw new ArgumentException($"unknown client '{client}': pacer, clientws or socket", nameof(client)),
    };

    var held = new List<object>(large);
    await OpenUpToAsync(held, small, urls, open);
    var (rssSmall, heapSmall) = Settle();
    var (committedSmall, threadsSmall) = (GC.GetGCMemoryInfo().TotalCommittedBytes, Environment.ProcessorCount > 0 ? System.Diagnostics.Process.GetCurrentProcess().Threads.Count : 0);
    await OpenUpToAsync(held, large, urls, open);
    var (rssLarge, heapLarge) = Settle();
    var (committedLarge, threadsLarge) = (GC.GetGCMemoryInfo().TotalCommittedBytes, System.Diagnostics.Process.GetCurrentProcess().Threads.Count);
    Console.Error.WriteLine($"gc committed {committedSmall / 1024} -> {committedLarge / 1024} kB, threads {threadsSmall} -> {threadsLarge}");
    var info = GC.GetGCMemoryInfo();
    Console.Error.WriteLine($"  heap {info.HeapSizeBytes / 1024} kB, fragmented {info.FragmentedBytes / 1024} kB, " + string.Join(", ", Enumerable.Range(0, info.GenerationInfo.Length).Select(g => $"gen{g} {info.GenerationInfo[g].SizeAfterBytes / 1024}/{info.GenerationInfo[g].FragmentationAfterBytes / 1024} kB")));
    var added = large - small;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"client={client} small={small} large={large} rss_small_kb={rssSmall / 1024} rss_large_kb={rssLarge / 1024} heap_small_kb={heapSmall / 1024} heap_large_kb={heapLarge / 1024} rss_per_socket={(rssLarge - rssSmall) / added} heap_per_socket={(heapLarge - heapSmall) / added}"));
    if (Environment.GetEnvironmentVariable("WSBENCH_HOLD") == "1")
    {
        // Kept open for a heap dump (dotnet-gcdump) until standard input closes.
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
    }

    GC.KeepAlive(held);
    return 0;
}

// Opens sockets until `held` has `count`, 64 handshakes at a time, spread over the URLs (each a listening port of its own, so
// no one port's backlog or the ephemeral port range limits the count).
static async Task OpenUpToAsync(List<object> held, int count, Uri[] urls, Func<Uri, Task<object>> open)
{
    var start = held.Count;
    var opened = new object[count - start];
    await Parallel.ForEachAsync(Enumerable.Range(0, count - start), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        opened[i] = await open(urls[(start + i) % urls.Length]));
    held.AddRange(opened);
}

// After a full, compacting collection and a second for the process to settle: resident memory (anonymous pages: the heap,
// stacks and native allocations, not the mapped runtime files, which do not grow with sockets) and the managed heap's live bytes.
static (long Rss, long Heap) Settle()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    if (Environment.GetEnvironmentVariable("WSBENCH_AGGRESSIVE") == "1")
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    Thread.Sleep(1000);
    for (var i = 1; i < int.Parse(Environment.GetEnvironmentVariable("WSBENCH_SETTLE") ?? "1", CultureInfo.InvariantCulture); i++)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Thread.Sleep(1000);
        Console.Error.WriteLine($"  settle {i}: committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1024} kB");
    }

    var anon = File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
    var kb = long.Parse(anon.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    return (kb * 1024, GC.GetTotalMemory(forceFullCollection: false));
}

static async Task<object> OpenPacerAsync(Uri url)
{
    var connector = WebSocketConnectors.Default.For("ws")!;
    var (outcome, session) = await connector.ConnectAsync(new WebSocketConnectRequest(url, [], [], TimeSpan.FromSeconds(60)), null, CancellationToken.None);
    return session ?? throw new InvalidOperationException($"connect failed: {outcome.Failure} {outcome.Problem}");
}

static async Task<object> OpenClientWebSocketAsync(Uri url)
{
    var socket = new ClientWebSocket();
    socket.Options.KeepAliveInterval = TimeSpan.Zero;
    await socket.ConnectAsync(url, CancellationToken.None);
    return socket;
}

static async Task<object> OpenSocketAsync(Uri url)
{
    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, url.Port));
    var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
    var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
    await socket.SendAsync(Encoding.ASCII.GetBytes(request));
    var answer = new byte[1024];
    var length = 0;
    while (length < 4 || !answer.AsSpan(0, length).EndsWith("\r\n\r\n"u8))
    {
        var read = await socket.ReceiveAsync(answer.AsMemory(length));
        if (read == 0)
        {
            throw new InvalidOperationException("the server closed the connection during the handshake");
        }

        length += read;
    }

    if (!answer.AsSpan(0, length).StartsWith("HTTP/1.1 101"u8))
    {
        throw new InvalidOperationException($"the upgrade was refused: {Encoding.ASCII.GetString(answer, 0, length)}");
    }

    // Waits for data without a buffer: nothing is held but the socket's own state and this one pending operation.
    var pending = socket.ReceiveAsync(Memory<byte>.Empty).AsTask();
    return (socket, pending);
}
