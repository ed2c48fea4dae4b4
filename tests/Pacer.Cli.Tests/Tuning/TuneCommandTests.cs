using System.Globalization;
using System.Text.Json;

using Pacer.Core.Tests.Monitoring;

namespace Pacer.Cli.Tests.Tuning;

/// <summary>
/// <c>pacer tune</c> end to end on the demo target, started by the tune file's own command on a free port for every trial:
/// short trials, three worker counts, bounded in time. The tuner's pick is checked against a full grid measured separately in
/// the same test.
/// </summary>
public sealed class TuneCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pacer-tune-e2e-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string DemoTarget => $"dotnet '{Path.Combine(AppContext.BaseDirectory, "pacer.dll")}' demo-target";

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// A closed-model plan of 8 users creating sessions: each creation is one piece of the worker pool's work, which holds its
    /// worker 20 ms (`--work-wait`) with little CPU, so the pool sets the ceiling (1 worker ≈ 50/s, 2 ≈ 100/s, 6 ≈ 300/s) and
    /// the best count stands out even while other test projects load the 2 cores. (CPU-bound work made 2 and 6 workers a
    /// coin toss there, and once, in CI, 1 looked best.)
    /// </summary>
    private void WritePlan() => Write("plan.yaml", """
        name: tune e2e
        target: http://127.0.0.1:8080
        requests:
          - { method: POST, path: /api/sessions, body: { name: t } }
        load: { model: closed, vus: 8, duration: 2s }
        thresholds:
          http_req_failed: ["rate<0.05"]
        """);

    private string WriteTune(string name, string search, int trials, int confirm = 0) => Write(name, $$"""
        name: workers
        service:
          command: "{{DemoTarget}} --port {port} --workers {workers} --work-cost 200 --work-wait 20ms"
          ready: "http://127.0.0.1:{port}/health"
        plan: plan.yaml
        target: "http://127.0.0.1:{port}"
        duration: 1s
        knobs:
          workers: { values: [1, 2, 6], default: 6 }
        objective: throughput
        search: {{search}}
        trials: {{trials}}
        confirm: { runs: {{confirm}} }
        """);

    [Fact]
    public async Task Tune_PicksAWorkerCountWithinTenPercentOfTheBestInAFullGrid_AndResumesAfterAnInterruption()
    {
        WritePlan();
        var tune = WriteTune("tune.yaml", "grid", 6);
        var report = Path.Combine(folder, "tune.json");
        var html = Path.Combine(folder, "tune.html");

        // Three trials, as if interrupted; then --resume finishes the six with the same first three. (Three settings: the
        // small-grid case, which search: auto chooses too; six trials measure each twice, and the recommendation pools them,
        // as one 1 s measurement a setting moved by 10–15% on this shared machine.)
        var first = await CliRunner.RunAsync("tune", tune, "--out", report, "--trials", "3");
        Assert.True(first.Exit == 0, first.Output + first.Error);
        var firstTrials = Trials(report);
        Assert.Equal(3, firstTrials.Count);

        var resumed = await CliRunner.RunAsync("tune", tune, "--out", report, "--resume", "--html", html);
        Assert.True(resumed.Exit == 0, resumed.Output + resumed.Error);
        Assert.Contains("resuming after 3 trials", resumed.Output, StringComparison.Ordinal);
        var trials = Trials(report);
        Assert.Equal(6, trials.Count);
        Assert.Equal(firstTrials, trials.Take(3));
        Assert.Equal(["1", "2", "6"], trials.Take(3).Select(t => t.Workers).Order());   // the grid: every setting once, then again
        Assert.Equal(trials.Take(3).Select(t => t.Workers), trials.Skip(3).Select(t => t.Workers));
        Assert.All(trials, t => Assert.True(t.Value > 0, $"workers {t.Workers}: {t.Value} req/s"));

        using var document = JsonDocument.Parse(File.ReadAllText(report));
        var root = document.RootElement;
        Assert.Equal("pacer.tune/v1", root.GetProperty("schema").GetString());
        Assert.Equal("done", root.GetProperty("status").GetString());
        var picked = root.GetProperty("best_settings").GetProperty("workers").GetString()!;
        Assert.Equal(1, root.GetProperty("sensitivity").GetArrayLength());
        Assert.Contains("Pacer tune · workers", System.Net.WebUtility.HtmlDecode(File.ReadAllText(html)), StringComparison.Ordinal);
        Assert.Contains("best settings: workers=" + picked, resumed.Output, StringComparison.Ordinal);

        // The full grid, measured separately: every worker count twice.
        var grid = WriteTune("grid.yaml", "grid", 6);
        var gridReport = Path.Combine(folder, "grid.json");
        var measured = await CliRunner.RunAsync("tune", grid, "--out", gridReport);
        Assert.True(measured.Exit == 0, measured.Output + measured.Error);
        var means = Trials(gridReport).GroupBy(t => t.Workers).ToDictionary(g => g.Key, g => g.Average(t => t.Value));
        Assert.True(
            means[picked] >= 0.9 * means.Values.Max(),
            $"picked workers={picked} ({means[picked]:0} req/s); the grid: {string.Join(", ", means.Select(m => $"{m.Key}: {m.Value:0}"))}");
    }

    /// <summary>The winner is measured again against the defaults, runs alternating, and judged with compare's statistics; each run's result file is kept.</summary>
    [Fact]
    public async Task TheWinner_IsConfirmedAgainstTheDefaults_WithCompareStatistics()
    {
        WritePlan();
        var tune = Write("confirm.yaml", $$"""
            service:
              command: "{{DemoTarget}} --port {port} --workers 2 --work-cost {cost}"
              ready: "http://127.0.0.1:{port}/health"
            plan: plan.yaml
            target: "http://127.0.0.1:{port}"
            duration: 1s
            knobs:
              cost: { values: [500, 20000], default: 20000 }
            objective: throughput
            trials: 2
            confirm: { runs: 2 }
            """);
        var report = Path.Combine(folder, "confirm.json");
        var (exit, output, error) = await CliRunner.RunAsync("tune", tune, "--out", report);
        Assert.True(exit == 0, output + error);

        using var document = JsonDocument.Parse(File.ReadAllText(report));
        var root = document.RootElement;
        var phases = root.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("phase").GetString()).ToList();
        Assert.Equal(["search", "search", "default", "best", "default", "best"], phases);
        Assert.Equal("500", root.GetProperty("best_settings").GetProperty("cost").GetString());   // 40 times less work a request
        var confirmation = root.GetProperty("confirmation");
        Assert.Equal(2, confirmation.GetProperty("defaults").GetArrayLength());
        Assert.Equal(2, confirmation.GetProperty("best").GetArrayLength());
        Assert.Contains(confirmation.GetProperty("verdict").GetString(), new[] { "improved", "inconclusive", "equivalent", "regressed" });
        Assert.True(confirmation.GetProperty("change").GetDouble() > 0, output);
        Assert.All(
            root.GetProperty("trials").EnumerateArray().Where(t => t.GetProperty("phase").GetString() != "search"),
            t => Assert.True(File.Exists(t.GetProperty("result_file").GetString())));
        Assert.Contains("confirmed against the defaults: ", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// objective: capacity runs <c>pacer capacity</c>'s own step runner in every trial, so a step holds only when the service keeps
    /// up with the offered rate, not merely when the plan's thresholds pass. Each piece of work holds its worker 20 ms
    /// (<c>--work-wait</c>, a sleep: the ceiling is 50/s a worker, and a busy machine can only lower it) and the plan judges only
    /// errors, which stay at zero however far behind the service falls; a runner that judged the thresholds alone would call
    /// every rate up to <c>max</c> (2,000/s) held.
    /// </summary>
    [Fact]
    public async Task TheCapacityObjective_JudgesEveryStepAsPacerCapacityDoes_SoEachTrialFindsTheWorkersCeiling()
    {
        Write("rate.yaml", """
            name: tune capacity
            target: http://127.0.0.1:8080
            requests:
              - { method: POST, path: /api/sessions, body: { name: t } }
            load: { model: open, rate: 10, duration: 1s }
            thresholds:
              http_req_failed: ["rate<0.05"]
            """);
        var tune = Write("capacity.yaml", $$"""
            service:
              command: "{{DemoTarget}} --port {port} --workers {workers} --work-cost 0 --work-wait 20ms"
              ready: "http://127.0.0.1:{port}/health"
            plan: rate.yaml
            target: "http://127.0.0.1:{port}"
            duration: 1s
            knobs:
              workers: { values: [1, 2], default: 1 }
            objective: capacity
            capacity: { start: 40, min: 5, max: 2000, precision: 0.25, max_steps: 8 }
            search: grid
            trials: 2
            confirm: { runs: 0 }
            """);
        var report = Path.Combine(folder, "capacity.json");
        var (exit, output, error) = await CliRunner.RunAsync("tune", tune, "--out", report);
        Assert.True(exit == 0, output + error);
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("capacity", document.RootElement.GetProperty("objective").GetString());
        Assert.Equal("req/s", document.RootElement.GetProperty("unit").GetString());
        var trials = Trials(report);
        Assert.Equal(["1", "2"], trials.Select(t => t.Workers).Order());

        // Each trial's capacity is its pool's ceiling, 50/s a worker: above it only by the search's precision and the 90% it must
        // keep up with. Below it by those, and by a first 1 s step on a just-started service on a busy machine: in CI, beside
        // the other assemblies, the first step (40/s) missed for one worker in one run and for two in another, and the search
        // settled one level under it (33.6/s). Either way far from the 2,000/s a thresholds-only runner would report.
        Assert.All(trials, t => Assert.InRange(t.Value, 0.25 * 50 * int.Parse(t.Workers, CultureInfo.InvariantCulture), 1.2 * 50 * int.Parse(t.Workers, CultureInfo.InvariantCulture)));
        Assert.All(
            document.RootElement.GetProperty("trials").EnumerateArray(),
            t => Assert.Contains(t.GetProperty("breaches").EnumerateArray(), b => b.GetString()!.StartsWith("completed ", StringComparison.Ordinal)));
    }

    /// <summary>
    /// SIGHUP, handled as Ctrl-C: the trial under way is dropped, every finished one is kept, status interrupted, exit 130 — and
    /// no service outlives the tuning. (The signal comes as trial 1 ends, so it often meets trial 2's service as it starts,
    /// before setsid has given it a group of its own: that service used to be left running after every CI run.)
    /// </summary>
    [Fact]
    public async Task AnInterruptedTuning_KeepsItsFinishedTrials_AndExits130()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        WritePlan();
        var tune = WriteTune("tune.yaml", "grid", 6);
        var report = Path.Combine(folder, "tune.json");
        // Every service the tuning starts inherits this mark, by which it is found afterwards in /proc.
        var mark = MarkedProcesses.NewMark();
        using var process = Reliability.ChildPacer.Start(new Dictionary<string, string> { [MarkedProcesses.Variable] = mark }, "tune", tune, "--out", report);
        var stderr = process.StandardError.ReadToEndAsync();
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is { } line && !line.StartsWith("trial 1/6", StringComparison.Ordinal))
        {
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-HUP", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(130, process.ExitCode);
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("interrupted", document.RootElement.GetProperty("status").GetString());
        var kept = Trials(report);
        Assert.InRange(kept.Count, 1, 5);
        Assert.All(kept, t => Assert.True(t.Value > 0));
        Assert.Contains("--resume continues", await stderr, StringComparison.Ordinal);
        Assert.Empty(MarkedProcesses.KillAll(mark));
    }

    [Fact]
    public async Task ABadTuneFile_ExitsTwo_NamingEachMistakesPlace()
    {
        WritePlan();
        var tune = Write("bad.yaml", """
            service: { command: "srv --workers {wrkers}" }
            plan: plan.yaml
            knobs:
              workers: { values: [1, 2], default: 3 }
            objective: fastest
            """);
        var (exit, _, error) = await CliRunner.RunAsync("tune", tune, "--out", Path.Combine(folder, "out.json"));
        Assert.Equal(2, exit);
        Assert.Contains($"{tune}:1:", error, StringComparison.Ordinal);
        Assert.Contains("{wrkers}, which is not a knob (did you mean {workers}?)", error, StringComparison.Ordinal);
        Assert.Contains($"{tune}:4:", error, StringComparison.Ordinal);
        Assert.Contains($"{tune}:5:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>objective: capacity searches arrival rates: a closed plan is refused before any service starts, naming its load.</summary>
    [Fact]
    public async Task TheCapacityObjective_WithAClosedPlan_ExitsTwo_NamingThePlansLoad()
    {
        WritePlan();
        var tune = Write("closed.yaml", """
            service: { command: "srv --port {port} --workers {workers}" }
            plan: plan.yaml
            knobs:
              workers: { values: [1, 2], default: 1 }
            objective: capacity
            capacity: { start: 10, min: 1, max: 100 }
            """);
        var (exit, _, error) = await CliRunner.RunAsync("tune", tune, "--out", Path.Combine(folder, "out.json"));
        Assert.Equal(2, exit);
        Assert.Contains($"{Path.Combine(folder, "plan.yaml")}:5:7: objective: capacity searches arrival rates (req/s), and this plan's load is closed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExistingTuning_IsNotOverwritten_WithoutResume()
    {
        WritePlan();
        var tune = WriteTune("tune.yaml", "grid", 6);
        var report = Write("tune.json", """{"schema": "pacer.tune/v1", "name": "x", "tune_file": "x", "tune_file_sha256": "x", "objective": "throughput", "unit": "req/s", "higher_is_better": true, "method": "grid", "budget": 3, "seed": 1, "knobs": ["workers"], "started_utc": "2026-01-01T00:00:00Z", "trials": [{"number": 1, "phase": "search", "settings": {"workers": "1"}, "point": [0], "value": 5, "feasible": true}]}""");
        var (exit, _, error) = await CliRunner.RunAsync("tune", tune, "--out", report);
        Assert.Equal(2, exit);
        Assert.Contains("holds 1 trials of a tuning: --resume continues it", error, StringComparison.Ordinal);

        (exit, _, error) = await CliRunner.RunAsync("tune", tune, "--out", report, "--resume");
        Assert.Equal(2, exit);
        Assert.Contains("was written for another version of", error, StringComparison.Ordinal);
    }

    private static List<(string Workers, double Value)> Trials(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("trials").EnumerateArray()
            .Where(t => t.GetProperty("phase").GetString() == "search")
            .Select(t => (t.GetProperty("settings").GetProperty("workers").GetString()!, t.TryGetProperty("value", out var v) ? v.GetDouble() : double.NaN))];
    }
}
