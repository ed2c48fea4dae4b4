using System.Diagnostics;
using Pacer.Cli.Pipeline;
using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Transport;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// Failures after load started (issue 13, class 1): whatever throws — the transport, a threshold monitor — the partial result
/// is written, marked aborted with the error as its reason, and pacer exits 1 saying so. Each row is a load model and where the
/// failure is injected; the run is planned for 20 s, must stop within 10 s of the failure, and must end with the measured requests in the file.
/// </summary>
public sealed class RunFaultReliabilityTests
{
    public static TheoryData<string, string?, int?, bool> Rows() => new()
    {
        // name, --rate (open) or null (closed, 2 users), transport throws after this many requests (or never), abort check throws
        { "closed model, transport throws", null, 30, false },
        { "open model, transport throws", "200", 30, false },
        { "closed model, threshold monitor throws", null, null, true },
        { "open model, threshold monitor throws", "200", null, true },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task FailureAfterLoadStarted_WritesThePartialResultAbortedAndExits1(string name, string? rate, int? throwAfter, bool monitorThrows)
    {
        var path = CliRunner.TempFile("fault.json");
        var plan = AdHocPlan.Build(new AdHocPlanOptions("http://127.0.0.1:9/", "GET", [], null, rate is null ? null : double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), rate is null ? 2 : null, "20s", null, null));
        var transport = new FailingTransport(throwAfter ?? int.MaxValue);
        var settings = new RunSettings(path, ShowProgress: false)
        {
            ConfigureEngine = options => options with { CreateTransport = _ => transport, AbortCheck = monitorThrows ? Throwing : null },
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            var clock = Stopwatch.StartNew();
            var exit = await RunPipeline.ExecuteAsync(plan, settings, output, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

            // The failure stops the run at once (the monitor's at its first tick, after 1 s), not at the end of the 20 s planned.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{name}: took {clock.Elapsed}");

            Assert.True(exit == 1, $"{name}: exit {exit}\n{error}\n{output}");
            Assert.Contains("the run was aborted: internal error: InvalidOperationException: injected", error.ToString(), StringComparison.Ordinal);
            var result = CliRunner.ReadResult(path);
            Assert.True(result.GetProperty("aborted").GetBoolean(), name);
            Assert.Contains("injected", result.GetProperty("abort_reason").GetString(), StringComparison.Ordinal);

            // What was measured before the failure is there (the warm-up's few unrecorded requests aside).
            Assert.True(result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0, name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string? Throwing(RecorderTotals totals, TimeSpan elapsed) => throw new InvalidOperationException("injected into the threshold monitor");

    /// <summary>Answers 200 at once, then throws from the given request on, as a transport with a bug would.</summary>
    private sealed class FailingTransport(int throwAfter) : ITransport
    {
        private int sent;

        public string Name => "failing";

        public IReadOnlyDictionary<ErrorKind, string> FirstErrorExamples { get; } = new Dictionary<ErrorKind, string>();

        public TransportCapabilities Capabilities { get; } = new(new HashSet<string>(StringComparer.Ordinal) { "http" });

        public ValueTask<TransportResult> ExchangeAsync(ExchangeRequest request, ExchangeResponse? response, long notBeforeTicks, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref sent) > throwAfter)
            {
                throw new InvalidOperationException("injected into the transport");
            }

            var now = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(new TransportResult(200, ErrorKind.None, now, now, 20, 40));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
