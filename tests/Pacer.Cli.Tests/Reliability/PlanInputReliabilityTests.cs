using System.Diagnostics;
using System.Text;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// Hostile plans and data files: each row is a plan (and the files it names), the exit code and a fragment of the message
/// (with the place), and a ceiling on what reading it may allocate. Every row is refused before any load is sent: the target
/// is a port nobody listens on, so a row that got past the plan would show up as a run, not as exit 2.
/// </summary>
public sealed class PlanInputReliabilityTests : IDisposable
{
    private const long AllocationCeiling = 256L * 1024 * 1024;
    private const string Target = "target: http://127.0.0.1:9\n";
    private const string Load = "load: { model: open, rate: 1, duration: 1s }\n";
    private const string Requests = "requests:\n  - path: /\n";

    private readonly string folder = Directory.CreateTempSubdirectory("pacer-plan-input-").FullName;

    public static TheoryData<string, string, string> Plans => new()
    {
        // Class 3: a "billion laughs" plan is 400 bytes; its aliases would expand to 9^9 nodes.
        { "alias bomb", Bomb("bomb") + Target + Requests + Load, "plan.yaml:6:16: aliases expand to more than 100,000 nodes" },
        { "alias bomb under an unknown key", "extra:\n" + Indent(Bomb("x")) + Target + Requests + Load, "aliases expand to more than 100,000 nodes" },
        // Class 4: past YamlDotNet's stack (25,000) and past the JSON writer's depth (1,000), and just past ours.
        { "nesting 30,000 deep", Target + "requests:\n  - path: /\n    body: " + new string('[', 30_000) + new string(']', 30_000) + "\n" + Load, "plan.yaml:4:108: the plan nests deeper than 100 levels" },
        { "nesting 2,000 deep", Target + "requests:\n  - path: /\n    body: " + new string('[', 2_000) + new string(']', 2_000) + "\n" + Load, "plan.yaml:4:108: the plan nests deeper than 100 levels" },
        // Class 9.
        { "duplicate key", Target + "requests:\n  - path: /\n    path: /x\n" + Load, "plan.yaml:4:5: 'path' appears twice in the same mapping" },
        { "second document", Target + Requests + Load + "---\nname: other\n", "plan.yaml:5:1: a plan is one YAML document; this starts a second one" },
        { "threshold 1e400", Target + Requests + Load + "thresholds:\n  http_req_duration: ['p(95)<1e400']\n", "'1e400' in 'p(95)<1e400' is too large to be a limit" },
        // Class 1: durations past Task.Delay's 49.7 days were accepted, then threw mid-run.
        { "graceful_stop 1200h", Target + Requests + "load: { model: open, rate: 1, duration: 1s, graceful_stop: 1200h }\n", "plan.yaml:4:60: graceful_stop '1200h' is longer than the limit of 24h" },
        { "think 1000000h", Target + "scenarios:\n  - steps: [{ path: / }, { think: 1000000h }]\n" + Load, "plan.yaml:3:35: think '1000000h' is longer than the limit of 24h" },
        { "pacing 1000000h", Target + "scenarios:\n  - pacing: 1000000h\n    steps: [{ path: / }]\n" + "load: { model: closed, vus: 1, duration: 1s }\n", "plan.yaml:3:13: pacing '1000000h' is longer than the limit of 24h" },
        { "timeout 1000000h", Target + "requests:\n  - { path: /, timeout: 1000000h }\n" + Load, "timeout '1000000h' is longer than the limit of 24h" },
        { "duration 1000d", Target + Requests + "load: { model: open, rate: 1, duration: 24000h }\n", "duration '24000h' is longer than the limit of 720h" },
        { "stages over 30 days", Target + Requests + "load:\n  model: open\n  stages: [{ duration: 400h, target: 1 }, { duration: 400h, target: 1 }]\n", "the stages add up to 800h, longer than the limit of 720h" },
        // Class 1: 100,000 request names (a 3.4 MB plan) ran out of memory after the banner; the limit is checked at read.
        { "10,001 request names", Target + "requests:\n" + string.Concat(Enumerable.Range(0, 10_001).Select(i => $"  - {{ name: r{i}, path: /r{i} }}\n")) + Load, "plan.yaml:3:3: the plan has 10,001 request names, more than the limit of 10,000" },
        // Class 3: a rate the generator cannot hold.
        { "rate 1e12", Target + Requests + "load: { model: open, rate: 1e12, duration: 1s }\n", "plan.yaml:4:28: rate must be at most 1000000 requests/s" },
        // Files a plan names: regular files only, bounded, and never echoed.
        { "data from /dev/zero", Target + "scenarios:\n  - data: { file: /dev/zero }\n    steps: [{ path: / }]\n" + Load, "/dev/zero: it is a character device, not a regular file" },
        { "data from /dev/urandom", Target + "scenarios:\n  - data: { file: /dev/urandom }\n    steps: [{ path: / }]\n" + Load, "/dev/urandom: it is a character device, not a regular file" },
        { "body_file /dev/zero", Target + "scenarios:\n  - steps: [{ path: /, method: POST, body_file: /dev/zero }]\n" + Load, "cannot read body_file '/dev/zero': it is a character device" },
        { "data is a directory", Target + "scenarios:\n  - data: { file: /tmp }\n    steps: [{ path: / }]\n" + Load, "/tmp: it is a directory, not a file" },
        { "data is a FIFO", Target + "scenarios:\n  - data: { file: fifo.csv }\n    steps: [{ path: / }]\n" + Load, "fifo.csv: it is a FIFO (named pipe), not a regular file" },
        { "data over 512 MB", Target + "scenarios:\n  - data: { file: big.csv }\n    steps: [{ path: / }]\n" + Load, "big.csv: it is larger than the limit of 512 MB" },
        { "body_file over 16 MB", Target + "scenarios:\n  - steps: [{ path: /, method: POST, body_file: big.csv }]\n" + Load, "cannot read body_file 'big.csv': it is larger than the limit of 16 MB" },
        { "secret as data", Target + "scenarios:\n  - data: { file: secret.csv }\n    steps: [{ path: '/${data.user}' }]\n" + Load, "plan.yaml:4:21: path uses ${data.user} but the data file has no column 'user' (its header (the first line) does not look like column names" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task HostilePlan_IsRefusedAtRead_WithItsPlace_AndBoundedMemory(string name, string plan, string fragment)
    {
        var planPath = Path.Combine(folder, "plan.yaml");
        await File.WriteAllTextAsync(planPath, plan);
        PrepareFiles(name);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (exit, output, error) = await CliRunner.RunAsync("run", planPath, "--out", Path.Combine(folder, "r.json"), "-q");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(exit == 2, $"{name}: exit {exit}\n{error}{output}");
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.DoesNotContain("root:$6$", error, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, AllocationCeiling);
        Assert.False(File.Exists(Path.Combine(folder, "r.json")), "nothing ran, so no result");
    }

    [Theory]
    [InlineData(new[] { "--rate", "1e8", "--duration", "2s" }, "rate must be at most 1000000 requests/s")]
    [InlineData(new[] { "--rate", "1", "--duration", "2s", "--timeout", "1000000h" }, "--timeout '1000000h' is longer than the limit of 24h")]
    [InlineData(new[] { "--rate", "1", "--duration", "1000000h" }, "--duration '1000000h' is longer than the limit of 720h")]
    public async Task HostileFlags_AreRefusedBeforeTheRun(string[] flags, string fragment)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["run", "--url", "http://127.0.0.1:9/", .. flags, "--out", Path.Combine(folder, "r.json"), "-q"]);

        Assert.True(exit == 2, $"exit {exit}\n{error}{output}");
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectoryAsThePlan_SaysItIsADirectory()
    {
        var (exit, _, error) = await CliRunner.RunAsync("run", folder, "-q");

        Assert.Equal(2, exit);
        Assert.Contains("is a directory, not a plan file", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void PrepareFiles(string name)
    {
        switch (name)
        {
            case "data is a FIFO":
                using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [Path.Combine(folder, "fifo.csv")]) { UseShellExecute = false })!)
                {
                    mkfifo.WaitForExit();
                    Assert.Equal(0, mkfifo.ExitCode);
                }

                break;
            case "data over 512 MB" or "body_file over 16 MB":
                // A sparse file: its size is what is checked, and it costs no disk.
                using (var big = File.Create(Path.Combine(folder, "big.csv")))
                {
                    big.SetLength(513L * 1024 * 1024);
                }

                break;
            case "secret as data":
                File.WriteAllText(Path.Combine(folder, "secret.csv"), "root:$6$salt$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
                break;
        }
    }

    /// <summary>Nine levels of nine aliases each: 9^9 (387 million) leaves from about 400 bytes.</summary>
    private static string Bomb(string prefix)
    {
        var text = new StringBuilder($"{prefix}0: &{prefix}0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < 9; level++)
        {
            var previous = $"*{prefix}{level - 1}";
            text.Append($"{prefix}{level}: &{prefix}{level} [{string.Join(", ", Enumerable.Repeat(previous, 9))}]\n");
        }

        return text.ToString();
    }

    private static string Indent(string text) => string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));
}
