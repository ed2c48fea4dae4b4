using System.Diagnostics;
using System.Globalization;
using Pacer.Core.Files;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// Hostile output paths (issue 13, class 2): each row is an argument list run by the real CLI in a fresh temporary folder, the
/// exit code and a fragment of the message it must give, the files that must come out byte for byte unchanged, and the files
/// it must create. <c>{d}</c> is the folder, <c>{url}</c> a demo target, <c>''</c> an empty argument, <c>{nul}</c> a NUL character. The folder holds: run.json and b.json (results),
/// plan.yaml, old.html (a previous report), link.html → real/target.html and link.json → real/target.json (symbolic links),
/// run-link.json → run.json, null and full (character devices 1:3 and 1:7, copies of /dev/null and /dev/full made with mknod,
/// so the real ones are never touched), folder/ (a folder), file (a regular file, so file/x can never be created).
/// </summary>
public sealed class OutputPathReliabilityTests : IClassFixture<OutputPathReliabilityTests.SavedRun>
{
    private const string Ad = "--vus 1 --duration 1s -q";
    private readonly SavedRun saved;

    public OutputPathReliabilityTests(SavedRun saved) => this.saved = saved;

    public static TheoryData<string, string, int, string, string, string> Rows() => new()
    {
        // name, arguments (split on spaces), exit, message fragment, unchanged files (comma-separated), created files
        { "report html = its input", "report {d}/run.json --html {d}/run.json", 2, "is the input file", "run.json", "" },
        { "report html = its input spelled otherwise", "report {d}/run.json --html {d}/folder/../run.json", 2, "is the input file", "run.json", "" },
        { "report md = a link to its input", "report {d}/run.json --md {d}/run-link.json", 2, "is the input file", "run.json", "" },
        { "report two outputs, one file", "report {d}/run.json --html {d}/r.out --md {d}/r.out", 2, "are the same file", "run.json", "" },
        { "report comparison html = the current input", "report {d}/run.json {d}/b.json --html {d}/b.json", 2, "is the input file", "run.json,b.json", "" },
        { "report empty html", "report {d}/run.json --html ''", 2, "--html: the file name is empty", "run.json", "" },
        { "report html with a NUL", "report {d}/run.json --html {d}/a{nul}b.html", 2, "contains a NUL character", "run.json", "" },
        { "report html a folder", "report {d}/run.json --html {d}/folder", 2, "is a folder", "run.json", "" },
        { "compare json/md = its inputs", "compare {d}/run.json --current {d}/b.json --json {d}/run.json --md {d}/b.json", 2, "is the input file", "run.json,b.json", "" },
        { "compare md = junit", "compare {d}/run.json --current {d}/b.json --md {d}/c.out --junit {d}/c.out", 2, "are the same file", "run.json,b.json", "" },
        { "compare empty json", "compare {d}/run.json --current {d}/b.json --json ''", 2, "--json: the file name is empty", "run.json,b.json", "" },
        { "run out = html", $"run --url {{url}}health {Ad} --out {{d}}/x.json --html {{d}}/x.json", 2, "are the same file", "", "" },
        { "run out = its plan", "run {d}/plan.yaml -q --out {d}/plan.yaml", 2, "is the input file", "plan.yaml", "" },
        { "run empty out", $"run --url {{url}}health {Ad} --out ''", 2, "--out: the file name is empty", "", "" },
        { "run out a folder", $"run --url {{url}}health {Ad} --out {{d}}/folder", 2, "is a folder", "", "" },

        // Devices are written through, never replaced; a link is followed and kept.
        { "report html to a null device", "report {d}/run.json --html {d}/null", 0, "HTML report written", "run.json", "" },
        { "report html through a link", "report {d}/run.json --html {d}/link.html", 0, "HTML report written", "run.json", "real/target.html" },
        { "run out and md to the same null device", $"run --url {{url}}health {Ad} --out {{d}}/null --md {{d}}/null", 0, "result written to", "", "" },
        { "run out through a dangling link", $"run --url {{url}}health {Ad} --out {{d}}/link.json", 0, "result written to", "", "real/target.json" },

        // A write that fails exits 1, after writing every other output (and the result file).
        { "report md to a full device, html still written", "report {d}/run.json --md {d}/full --html {d}/ok.html", 1, "could not write the Markdown summary", "run.json", "ok.html" },
        { "report html under a file, md still written", "report {d}/run.json --html {d}/file/x.html --md {d}/ok.md", 1, "could not write the HTML report", "run.json,file", "ok.md" },
        { "report html over an old report under a file", "report {d}/run.json --junit {d}/file/j.xml --html {d}/old.html", 1, "could not write the JUnit report", "run.json", "old.html" },
        { "compare json under a file, md still written", "compare {d}/run.json --current {d}/b.json --json {d}/file/c.json --md {d}/ok.md", 1, "could not write the JSON comparison", "run.json,b.json", "ok.md" },
        { "run result to a full device, reports still written", $"run --url {{url}}health {Ad} --out {{d}}/full --html {{d}}/r.html --md {{d}}/r.md", 1, "could not write the result file", "", "r.html,r.md" },
        { "run html under a file, result still written", $"run --url {{url}}health {Ad} --out {{d}}/r.json --html {{d}}/file/r.html", 1, "could not write the HTML report", "", "r.json" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task HostileOutputPath(string name, string arguments, int exit, string fragment, string unchanged, string created)
    {
        var folder = Directory.CreateTempSubdirectory("pacer-outputs-").FullName;
        try
        {
            await LayOutAsync(folder, saved);
            var keep = Split(unchanged).ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(folder, f)));
            var args = arguments.Split(' ').Select(a => a.Replace("{d}", folder, StringComparison.Ordinal).Replace("{url}", saved.Url, StringComparison.Ordinal).Replace("{nul}", "\0", StringComparison.Ordinal)).Select(a => a == "''" ? "" : a).ToArray();

            var (code, output, error) = await CliRunner.RunAsync(args);

            Assert.True(code == exit, $"{name}: exit {code}, expected {exit}\n{error}\n{output}");
            Assert.Contains(fragment, output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
            foreach (var (file, bytes) in keep)
            {
                Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, file))), $"{name}: {file} changed");
            }

            foreach (var file in Split(created))
            {
                Assert.True(new FileInfo(Path.Combine(folder, file)).Length > 0, $"{name}: {file} not written");
            }

            // Whatever happened, the devices are still devices, the links still links, and no temporary file is left behind.
            Assert.Equal(FileKind.CharacterDevice, FileStatus.Of(Path.Combine(folder, "null")).Kind);
            Assert.Equal(FileKind.CharacterDevice, FileStatus.Of(Path.Combine(folder, "full")).Kind);
            Assert.NotNull(new FileInfo(Path.Combine(folder, "link.html")).LinkTarget);
            Assert.NotNull(new FileInfo(Path.Combine(folder, "link.json")).LinkTarget);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
            if (exit == 2)
            {
                Assert.False(File.Exists(Path.Combine(folder, "x.json")), $"{name}: load was sent before the refusal");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A full disk (a 1 MB tmpfs, filled): the new report cannot be written, the previous one survives whole, exit 1. Needs root
    /// to mount; where mounting is not allowed it is reported skipped with the reason (the row above with a full device then
    /// covers the exit code, not the survival).
    /// </summary>
    [TmpfsFact]
    public async Task FullDisk_KeepsThePreviousReportWholeAndExits1()
    {
        var folder = Directory.CreateTempSubdirectory("pacer-fulldisk-").FullName;
        var disk = Path.Combine(folder, "disk");
        Directory.CreateDirectory(disk);
        // The probe at discovery mounted one, so a refusal now is a failure, never a silent pass.
        if (await ShellAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk) is var mounted and not 0)
        {
            Directory.Delete(folder, recursive: true);
            Assert.Fail($"mount -t tmpfs exited {mounted}, though a tmpfs could be mounted when the tests were discovered");
        }

        try
        {
            var old = Path.Combine(disk, "report.html");
            await File.WriteAllTextAsync(old, "<html>the previous report</html>");
            await using (var filler = new FileStream(Path.Combine(disk, "filler"), FileMode.Create))
            {
                var block = new byte[64 * 1024];
                try
                {
                    while (true)
                    {
                        filler.Write(block);
                        filler.Flush();
                    }
                }
                catch (IOException)
                {
                    // The disk is full: the state this test needs.
                }
            }

            var (code, _, error) = await CliRunner.RunAsync("report", saved.ResultPath, "--html", old);

            Assert.True(code == 1, error);
            Assert.Contains("could not write the HTML report", error, StringComparison.Ordinal);
            Assert.Equal("<html>the previous report</html>", await File.ReadAllTextAsync(old));
            Assert.Equal(["filler", "report.html"], Directory.GetFiles(disk).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            await ShellAsync("umount", disk);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A FIFO as the result file is written through (a program reading it gets the result) and stays a FIFO; it used to be replaced by a file.</summary>
    [Fact]
    public async Task Fifo_IsWrittenThroughAndStaysAFifo()
    {
        var folder = Directory.CreateTempSubdirectory("pacer-fifo-").FullName;
        try
        {
            var fifo = Path.Combine(folder, "pipe.json");
            Assert.Equal(0, await ShellAsync("mkfifo", fifo));

            // Opening a FIFO to read waits for a writer: the reader runs beside the command, as `pacer run … --out pipe & jq . pipe` would.
            var reader = Task.Run(() => File.ReadAllTextAsync(fifo));
            var (code, _, error) = await CliRunner.RunAsync("run", "--url", saved.Url + "health", "--vus", "1", "--duration", "1s", "-q", "--out", fifo).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(code is 0 or 99, error);
            Assert.Contains("\"schema\": \"pacer.run/v1\"", await reader.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
            Assert.Equal(FileKind.Fifo, FileStatus.Of(fifo).Kind);
            Assert.Equal(["pipe.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static async Task LayOutAsync(string folder, SavedRun saved)
    {
        File.Copy(saved.ResultPath, Path.Combine(folder, "run.json"));
        File.Copy(saved.ResultPath, Path.Combine(folder, "b.json"));
        await File.WriteAllTextAsync(Path.Combine(folder, "plan.yaml"), $"target: {saved.Url}\nrequests: [{{ name: health, path: /health }}]\nload: {{ model: closed, vus: 1, duration: 1s }}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "old.html"), "<html>old</html>");
        await File.WriteAllTextAsync(Path.Combine(folder, "file"), "a file, not a folder");
        Directory.CreateDirectory(Path.Combine(folder, "folder"));
        Directory.CreateDirectory(Path.Combine(folder, "real"));
        File.CreateSymbolicLink(Path.Combine(folder, "link.html"), "real/target.html");
        File.CreateSymbolicLink(Path.Combine(folder, "link.json"), "real/target.json");
        File.CreateSymbolicLink(Path.Combine(folder, "run-link.json"), "run.json");
        Assert.Equal(0, await ShellAsync("mknod", Path.Combine(folder, "null"), "c", "1", "3"));
        Assert.Equal(0, await ShellAsync("mknod", Path.Combine(folder, "full"), "c", "1", "7"));
    }

    private static async Task<int> ShellAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>A demo target and one saved result (1 s, one user) shared by every row.</summary>
    public sealed class SavedRun : IAsyncLifetime
    {
        private DemoTargetHost? target;

        public string Url => target!.BaseAddress.ToString();

        public string ResultPath { get; } = CliRunner.TempFile("saved-run.json");

        public async Task InitializeAsync()
        {
            target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
            var (exit, _, error) = await CliRunner.RunAsync("run", "--url", Url + "health", "--vus", "1", "--duration", "1s", "-q", "--out", ResultPath);
            Assert.True(exit is 0 or 99, error);
        }

        public async Task DisposeAsync()
        {
            File.Delete(ResultPath);
            if (target is not null)
            {
                await target.DisposeAsync();
            }
        }
    }
}
