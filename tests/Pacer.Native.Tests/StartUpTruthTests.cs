using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Pacer.Core.Tests.Truth;
using Xunit.Abstractions;

namespace Pacer.Native.Tests;

/// <summary>
/// Issue 12 defect 6, judged on the pacer users run: at 10,000 arrivals/s the first arrivals go out on time, not as one late
/// burst, and the connections opened follow demand. A JIT-compiled pacer cannot pass it: the runtime re-compiles the hot path
/// 100–300 ms into the run and every thread on that path stalls 5–30 ms (docs/truth.md, round 7); the native binary has
/// nothing to compile.
/// </summary>
[Collection(NativeCollection.Name)]
public sealed class StartUpTruthTests(NativePacer pacer, ITestOutputHelper output)
{
    private const int Rate = 10_000;
    private const int Planned = 5_000;

    [Fact]
    public async Task Run_TenThousandPerSecond_EveryArrivalOnTimeFromTheFirst_ConnectionsFollowDemand()
    {
        using var server = new TruthServer(_ => new TruthReply(200, 0));
        using var folder = new TempFolder();
        var plan = Path.Combine(folder.Path, "startup.yaml");
        await File.WriteAllTextAsync(plan, $$"""
            target: {{server.BaseAddress}}
            requests: [{ name: work, path: /work }]
            load: { model: open, rate: {{Rate}}, duration: 500ms }
            """);

        // The reference server runs in this process and is compiled by the JIT: served first, and given time to re-compile
        // its path, so its own stalls do not land in Pacer's run. It stamps each arrival with the kernel's receive time
        // besides, so a late read on its side is not charged to Pacer either.
        WarmUp(server);

        // An attempt that missed is tried again only when this process's own 1 ms sleeps overslept by more than the bound itself
        // (1 ms) meanwhile: then the machine, not Pacer, held the threads back (in CI: another assembly still building beside
        // this one, the sleeps 1.7 ms late, p99 2.9 ms). A miss on an undisturbed machine fails at once. Each attempt first waits
        // for a quiet machine: up to 8 minutes for the other test assemblies before the first, 2 before a retry.
        var misses = new List<string>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var quiet = await MachineLoad.WaitForQuietAsync(0.85, TimeSpan.FromMinutes(attempt == 1 ? 8 : 2));
            output.WriteLine(Text($"machine before attempt {attempt}: {quiet.IdleShare:P0} idle after waiting {quiet.Waited.TotalSeconds:0} s"));
            var before = server.Records(TimeSpan.FromSeconds(10)).Count;
            var connectionsBefore = server.Connections;
            using var probe = new SchedulingProbe();
            var run = pacer.Run(folder.Path, TimeSpan.FromMinutes(1), "run", plan, "-q", "--out", Path.Combine(folder.Path, $"run{attempt}.json"));
            var (_, disturbed) = probe.Finish();
            Assert.True(run.Exit == 0, run.Text);

            var outcome = Judge(server.Records(TimeSpan.FromSeconds(10)).Skip(before).ToList(), server.Connections - connectionsBefore, Path.Combine(folder.Path, $"run{attempt}.json"));
            output.WriteLine(Text($"attempt {attempt}: {outcome.Summary}; this process's 1 ms sleeps overslept by at most {disturbed:0.0} ms"));
            if (outcome.Problems.Count == 0)
            {
                return;
            }

            misses.Add(Text($"attempt {attempt} ({disturbed:0.0} ms oversleep): {string.Join("; ", outcome.Problems)}"));
            if (disturbed <= 1)
            {
                break;
            }
        }

        Assert.Fail(string.Join("\n", misses));
    }

    private static (string Summary, List<string> Problems) Judge(List<TruthRecord> records, int connections, string resultPath)
    {
        var problems = new List<string>();
        using var result = JsonDocument.Parse(File.ReadAllText(resultPath));
        var sent = result.RootElement.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64();
        if (sent != Planned)
        {
            problems.Add(Text($"pacer counted {sent} requests; the plan asks for {Planned}"));
        }

        // Before time zero pacer sends each request once and rehearses the first 20 ms of the schedule (at most 200 arrivals;
        // docs/plan-reference.md, warmup): the planned arrivals are the last 5,000 the server saw.
        var warmUp = records.Count - Planned;
        if (warmUp is < 0 or > 201)
        {
            problems.Add(Text($"the server saw {records.Count} requests: {Planned} planned and {warmUp} before time zero (at most 201)"));
            return ("counts differ", problems);
        }

        var arrivals = records.Select(r => r.KernelArrivalTicks != 0 ? r.KernelArrivalTicks : r.ArrivalTicks).Order().Skip(warmUp).ToList();

        // Time zero as the server sees it: the latest moment that no arrival precedes its place in the schedule (pacer never
        // sends early), so each arrival's lateness is at least what is shown here.
        var zero = arrivals.Select((t, i) => t - Reference.Ticks((double)i / Rate)).Min();
        var late = arrivals.Select((t, i) => Reference.Micros(t - zero - Reference.Ticks((double)i / Rate))).ToList();
        var sorted = late.Order().ToList();
        var busiest = arrivals.GroupBy(t => (t - zero) / Reference.Ticks(0.010)).Max(g => g.Count());
        var concurrent = Reference.MaxConcurrent(records.Skip(warmUp));
        var p99 = Reference.At(sorted, 99m);
        if (p99 > 1000)
        {
            problems.Add(Text($"p99 of arrival − schedule is {p99:0} µs (bound 1,000 µs; max {sorted[^1]:0} µs, the latest planned for +{late.IndexOf(sorted[^1]) / 10.0:0.0} ms)"));
        }

        if (busiest > 200)
        {
            problems.Add(Text($"{busiest} arrivals reached the server within one 10 ms window; the plan asks for 100"));
        }

        if (connections > Math.Max(100, 4 * concurrent))
        {
            problems.Add(Text($"{connections} connections opened for at most {concurrent} requests in flight"));
        }

        var summary = Text($"{Planned} arrivals after {warmUp} before time zero: arrival − schedule p50 {Reference.At(sorted, 50m):0} µs, p99 {p99:0} µs, max {sorted[^1]:0} µs; busiest 10 ms {busiest} (planned 100); connections {connections} for at most {concurrent} in flight");
        return (summary, problems);
    }

    /// <summary>Serves 20,000 requests over four connections, then waits until the JIT has compiled nothing for 300 ms (at most 5 s).</summary>
    private static void WarmUp(TruthServer server)
    {
        Parallel.For(0, 4, _ =>
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.Connect("127.0.0.1", server.BaseAddress.Port);
            var request = Encoding.ASCII.GetBytes($"GET /warm HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n\r\n");
            var buffer = new byte[4096];
            for (var i = 0; i < 5_000; i++)
            {
                client.Send(request);
                ReadOneResponse(client, buffer);
            }
        });

        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline && Stopwatch.GetElapsedTime(quietSince).TotalMilliseconds < 300)
        {
            Thread.Sleep(20);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quietSince = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Reads one response of the truth server (a head with Content-Length and that many bytes).</summary>
    private static void ReadOneResponse(Socket client, byte[] buffer)
    {
        var filled = 0;
        while (true)
        {
            var n = client.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
            if (n == 0)
            {
                throw new IOException("the truth server closed the connection");
            }

            filled += n;
            var text = Encoding.ASCII.GetString(buffer, 0, filled);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var length = text.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(l => int.Parse(l[15..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
            if (filled >= end + 4 + length)
            {
                return;
            }
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
