using System.Diagnostics;
using System.Reflection;
using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Architecture;

/// <summary>
/// Pacer.Core reads and waits on time only through <c>Timing/</c> (<c>TickSource</c> over an injectable
/// <see cref="TimeProvider"/>, and the precise waits built on it), so that schedulers, ramps, timeouts and tickers can be
/// run on a fake clock. A direct call to the machine's clock anywhere else is a piece of the engine a test cannot control;
/// this test names each one, read from the IL.
/// </summary>
public sealed class ClockAccessTests
{
    /// <summary>The one place allowed to read the machine's clock.</summary>
    private const string TimingNamespace = "Pacer.Core.Timing";

    /// <summary>
    /// Direct clock calls that exist today outside Timing/, each with why it is still there. The test fails when one
    /// disappears without leaving this list, so the list only shrinks.
    /// </summary>
    private static readonly HashSet<string> Known =
    [
        // A real transport timestamps real socket I/O: its send and end times are the wire's, on the machine's clock (a run
        // on a fake clock uses a fake transport whose timestamps are data). The lean event loop stamps sends and ends where
        // the bytes move (socket I/O, held exchanges written at their time, settlement).
        "HttpClientTransport → Stopwatch.GetTimestamp",
        "Http1EventLoop → Stopwatch.GetTimestamp",
        "Http1HeldExchanges → Stopwatch.GetTimestamp",
        "Http1Settlement → Stopwatch.GetTimestamp",
        "Http1SocketIo → Stopwatch.GetTimestamp",
        "Http1Transport → Stopwatch.GetTimestamp",
        "SocketHttp1Transport → Stopwatch.GetTimestamp",

        // A WebSocket's handshake, sends and messages are stamped where the bytes move, like an HTTP transport's (the
        // receive loop stamps each message when its last byte arrived).
        "ClientWebSocketConnector → Stopwatch.GetTimestamp",
        "SocketWebSocketConnector → Stopwatch.GetTimestamp",
        "WebSocketSession → Stopwatch.GetTimestamp",
        "PingStream → Stopwatch.GetTimestamp",

        // A request's timeout on a real socket is real time, like its timestamps.
        "HttpClientTransport → CancellationTokenSource.CancelAfter",
        "SocketHttp1Transport → CancellationTokenSource.CancelAfter",
        "ClientWebSocketConnector → CancellationTokenSource.CancelAfter",
        "SocketWebSocketConnector → CancellationTokenSource.CancelAfter",
        "WebSocketSession → CancellationTokenSource.CancelAfter",

        // ${timestamp} renders the wall-clock time into a request, and a cookie's Expires is compared with it: both are what
        // the target sees, not the engine's schedule (scenario runtime, being split).
        "Template → DateTimeOffset.UtcNow",
        "CookieJar → DateTimeOffset.UtcNow",

        // A virtual user's random stream is seeded from the tick count: a seed, not a measurement.
        "VirtualUser → Environment.TickCount",
    ];

    [Fact]
    public void CoreReadsTheClockOnlyThroughTiming()
    {
        var found = ClockCalls(typeof(LoadPlan).Assembly);
        var unexpected = found.Keys.Where(call => !Known.Contains(call)).Order().ToList();
        var gone = Known.Where(call => !found.ContainsKey(call)).Order().ToList();

        Assert.True(
            unexpected.Count == 0,
            $"Core code outside {TimingNamespace} calls the machine's clock; take the run's TickSource (or TimeProvider) instead:\n" +
            string.Join("\n", unexpected.Select(call => $"  {call} (in {string.Join(", ", found[call].Take(4))})")));
        Assert.True(gone.Count == 0, $"Fixed, so remove from {nameof(Known)}: {string.Join(", ", gone)}");
    }

    [Fact]
    public void TheScanSeesClockCalls_InLambdasAndAsyncMethods_AndPassesTimeProviderOverloads()
    {
        var found = ClockCalls(typeof(ClockAccessTests).Assembly, type => Owner(type) == typeof(Samples));

        Assert.Equal(
            ["Samples → DateTime.UtcNow", "Samples → PeriodicTimer", "Samples → Stopwatch.GetElapsedTime(start)", "Samples → Stopwatch.GetTimestamp", "Samples → Task.Delay"],
            found.Keys.Order());
        Assert.Equal(["DelayAsync"], found["Samples → Task.Delay"]);
    }

    /// <summary>Every forbidden clock call, as "Type → call", with the methods that make it.</summary>
    private static Dictionary<string, List<string>> ClockCalls(Assembly assembly, Func<Type, bool>? only = null)
    {
        var calls = new Dictionary<string, List<string>>();
        foreach (var type in assembly.GetTypes().Where(t => only?.Invoke(t) ?? (t.Namespace?.StartsWith("Pacer.Core.", StringComparison.Ordinal) == true && !InTiming(t))))
        {
            foreach (var member in MemberCalls.Of(type))
            {
                if (ClockCall(member) is not { } call) continue;
                var key = $"{Owner(type).Name} → {call}";
                if (!calls.TryGetValue(key, out var where)) calls[key] = where = [];
                var name = MethodName(type);
                if (!where.Contains(name)) where.Add(name);
            }
        }

        return calls;
    }

    /// <summary>What <paramref name="member"/> does to the clock, or null when it is not a clock read or a clock wait.</summary>
    private static string? ClockCall(MemberInfo member)
    {
        var declaring = member.DeclaringType;
        var name = member.Name;
        var parameters = member is MethodBase method ? method.GetParameters() : [];
        var takesProvider = parameters.Any(p => p.ParameterType == typeof(TimeProvider));
        return declaring switch
        {
            _ when declaring == typeof(Stopwatch) => name switch
            {
                "GetTimestamp" or "StartNew" or "Restart" or "get_Elapsed" or "get_ElapsedTicks" or "get_ElapsedMilliseconds" => $"Stopwatch.{name.Replace("get_", "", StringComparison.Ordinal)}",
                "GetElapsedTime" when parameters.Length == 1 => "Stopwatch.GetElapsedTime(start)",
                ".ctor" => "new Stopwatch",
                _ => null,
            },
            _ when declaring == typeof(DateTime) || declaring == typeof(DateTimeOffset) =>
                name is "get_UtcNow" or "get_Now" or "get_Today" ? $"{declaring.Name}.{name[4..]}" : null,
            _ when declaring == typeof(Environment) => name is "get_TickCount" or "get_TickCount64" ? $"Environment.{name[4..]}" : null,
            _ when declaring == typeof(Task) || declaring == typeof(Task<>) => name switch
            {
                "Delay" when !takesProvider => "Task.Delay",
                "WaitAsync" when parameters.Any(p => p.ParameterType == typeof(TimeSpan)) && !takesProvider => "Task.WaitAsync(timeout)",
                _ => null,
            },
            _ when declaring == typeof(PeriodicTimer) => name == ".ctor" && !takesProvider ? "PeriodicTimer" : null,
            _ when declaring == typeof(Timer) => name == ".ctor" ? "new Timer" : null,
            _ when declaring == typeof(Thread) => name == "Sleep" ? "Thread.Sleep" : null,
            _ when declaring == typeof(CancellationTokenSource) => name switch
            {
                "CancelAfter" => "CancellationTokenSource.CancelAfter",
                ".ctor" when parameters.Length > 0 && !takesProvider => "new CancellationTokenSource(delay)",
                _ => null,
            },
            _ => null,
        };
    }

    private static bool InTiming(Type type) =>
        type.Namespace == TimingNamespace || type.Namespace?.StartsWith(TimingNamespace + ".", StringComparison.Ordinal) == true;

    /// <summary>The method a compiler-made type belongs to (a lambda's closure, an async state machine), or the type's own name.</summary>
    private static string MethodName(Type type)
    {
        var name = type.Name;
        return name.StartsWith('<') && name.IndexOf('>', StringComparison.Ordinal) is > 1 and var end ? name[1..end] : name;
    }

    /// <summary>The type a compiler-made type (a lambda's closure, an async state machine) was made for, or the type itself.</summary>
    private static Type Owner(Type type)
    {
        while (type.DeclaringType is not null && type.Name.StartsWith('<')) type = type.DeclaringType;
        return type;
    }

    /// <summary>Clock calls hidden where a scan of signatures or plain methods would miss them, and their TimeProvider twins.</summary>
    private static class Samples
    {
        public static Func<long> InLambda() => () => Stopwatch.GetTimestamp();

        public static async Task DelayAsync(TimeProvider time)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(1), time);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            using var faked = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            _ = DateTime.UtcNow;
            _ = Stopwatch.GetElapsedTime(1);
            _ = Stopwatch.GetElapsedTime(1, 2);
        }
    }
}
