using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pacer.Core.Recording;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// Hostile result files (issue 13, class 7): a valid <c>pacer.run/v1</c> file broken one field at a time. Every reader —
/// <c>pacer report</c> and <c>pacer compare</c> — must refuse it with exit 2 and the same one line naming the file and the field,
/// never an internal error or a stack trace, or (for a field the schema lets be null) accept it.
/// </summary>
public sealed partial class ResultFileReliabilityTests(ResultFileReliabilityFixture fixture) : IClassFixture<ResultFileReliabilityFixture>
{
    /// <summary>
    /// Fields the schema (docs/results-schema.md) lets be absent, so null is as good as absent. Paths with array indices as
    /// <c>[]</c> and metric names as <c>*</c>.
    /// </summary>
    private static readonly HashSet<string> Nullable = new(StringComparer.Ordinal)
    {
        "load_seconds", "drain", "abort_reason", "not_passed_reason", "generator", "generator.saturated_by", "generator.connections_opened", "generator.connections_with_stray_bytes",
        "metrics.*.unit", "metrics.*.count", "metrics.*.rate", "metrics.*.passes", "metrics.*.fails", "metrics.*.value", "metrics.*.min",
        "metrics.*.mean", "metrics.*.p50", "metrics.*.p90", "metrics.*.p95", "metrics.*.p99", "metrics.*.p999", "metrics.*.max",
        "metrics.*.histogram", "errors[].example", "thresholds[].actual", "thresholds[].note", "series[].in_flight",
        "groups[].step_latency", "groups[].service_time", "groups[].queue_time",
        "series[].generator_cpu", "series[].generator_lag_p99", "requests[].series",
    };

    /// <summary>A histogram of 100 values plus a bucket of 2^62: its total disagrees with any count a real run writes.</summary>
    private static string HugeBucketHistogram()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 100; i++)
        {
            histogram.Record(i * 1000);
        }

        histogram.RecordValues(100_000, 1L << 62);
        return histogram.Encode();
    }

    public static TheoryData<string, string, string> Mutations => new()
    {
        // path, new value (JSON), fragment the message must hold besides the path
        { "metrics.http_req_duration.histogram", $"\"{HugeBucketHistogram()}\"", "count says" },
        { "requests[0].duration.histogram", $"\"{HugeBucketHistogram()}\"", "count says" },
        { "statuses[0].duration.histogram", $"\"{HugeBucketHistogram()}\"", "count says" },
        { "metrics.http_req_duration.histogram", "\"SElTVGNvcnJ1cHQwMDAwMDAwMA==\"", "cannot be decoded" },
        { "requests[0].duration.histogram", "\"not base64!\"", "not base64" },
        { "requests[0].service_time.histogram", "\"\"", "cannot be decoded" },
        { "series[0].p95", "\"NaN\"", "not a finite number" },
        { "series[0].p95", "\"Infinity\"", "not a finite number" },
        { "metrics.http_req_duration.p95", "\"-Infinity\"", "not a finite number" },
        { "requests[0].duration.p95", "-5", "negative" },
        { "series[0].requests", "-1", "negative" },
        { "statuses[0].count", "-1", "negative" },
        { "duration_seconds", "1e400", "duration_seconds" },
        { "series[0].active", "1e12", "series[0].active" },
        { "requests[0].error_rate", "2", "not a fraction" },
        { "metrics.http_req_failed.rate", "1.5", "not a fraction" },
        { "requests[0].failures", "9223372036854775807", "exceeds requests" },
        { "series[0].generator_cpu", "1.5", "not a fraction" },
        { "requests[0].series[0].errors", "1000000000", "exceeds requests" },
        { "requests[0].series[0].p99", "\"NaN\"", "not a finite number" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task ReportAndCompare_BrokenValue_Exit2NamingFileAndField(string path, string value, string fragment)
    {
        var file = Write(Mutate(fixture.ValidJson, path, JsonNode.Parse(value)), "broken");

        var problems = await RefusedAsync(file, path);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var (_, _, error) = await CliRunner.RunAsync("report", file);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAndCompare_EachFieldNull_Exit2NamingFileAndFieldOrAcceptedWhereTheSchemaAllows()
    {
        var variants = NullVariants(JsonNode.Parse(fixture.ValidJson)!, "").ToList();
        var problems = new List<string>();
        var refused = 0;
        foreach (var path in variants)
        {
            var file = Write(Mutate(fixture.ValidJson, path, null), "null");
            if (path == "schema")
            {
                // Without its schema the file is no longer a Pacer result: report says so; compare, which reads other tools'
                // files too, may take it for one of them (a k6 summary also has "metrics"), so only report is held to it.
                var (exit, output, error) = await CliRunner.RunAsync("report", file);
                if (exit != 2 || !error.Contains("\"schema\"", StringComparison.Ordinal) || !error.Contains(file, StringComparison.Ordinal))
                {
                    problems.Add($"schema: report exited {exit}, wanted 2 naming the file and the field: {error}{output}");
                }
            }
            else if (Nullable.Contains(Normalise(path)))
            {
                var (exit, output, error) = await CliRunner.RunAsync("report", file);
                if (exit != 0)
                {
                    problems.Add($"{path}: null is allowed, but report exited {exit}: {error}{output}");
                }

                var (compareExit, compareOutput, compareError) = await CliRunner.RunAsync("compare", file, "--current", fixture.ValidPath);
                if (compareExit is not (0 or 99))
                {
                    problems.Add($"{path}: null is allowed, but compare exited {compareExit}: {compareError}{compareOutput}");
                }
            }
            else
            {
                problems.AddRange(await RefusedAsync(file, path));
                refused++;
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {variants.Count} variants:\n" + string.Join('\n', problems));
        Assert.True(refused >= 24, $"only {refused} variants must be refused; the walk misses fields");
    }

    [Fact]
    public async Task Compare_HyperfineNegativeTime_Exit2NamingFileAndPlace()
    {
        var bad = Write("{\"results\":[{\"command\":\"sleep\",\"mean\":0.1,\"times\":[0.1,-0.2,0.1]}]}", "hyperfine-bad");
        var good = Write("{\"results\":[{\"command\":\"sleep\",\"mean\":0.1,\"times\":[0.1,0.2,0.1]}]}", "hyperfine-good");

        var (exit, output, error) = await CliRunner.RunAsync("compare", bad, "--current", good);

        Assert.True(exit == 2, $"exit {exit}: {error}{output}");
        Assert.Contains(bad, error, StringComparison.Ordinal);
        Assert.Contains("results[0].times[1]", error, StringComparison.Ordinal);
        Assert.Contains("negative", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_HyperfineMeanNotFinite_Exit2NamingFileAndPlace()
    {
        var bad = Write("{\"results\":[{\"command\":\"sleep\",\"mean\":1e400,\"times\":[0.1,0.2,0.1]}]}", "hyperfine-mean");

        var (exit, output, error) = await CliRunner.RunAsync("compare", bad, "--current", bad);

        Assert.True(exit == 2, $"exit {exit}: {error}{output}");
        Assert.Contains("results[0].mean", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAndCompare_ResultAboveTheSizeLimit_Exit2NamingFileAndSizeWithoutReadingIt()
    {
        // The valid result padded (sparse, no disk used) past the limit: the head still says pacer.run/v1.
        var file = Write(fixture.ValidJson, "huge");
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(Pacer.Core.Results.ResultFile.MaxFileBytes + 1024 * 1024);
        }

        var before = GC.GetTotalAllocatedBytes(precise: false);
        var problems = await RefusedAsync(file, "1025 MB is larger than the 1024 MB a result file may be");
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // Reading the file whole would allocate its text twice over (UTF-16) and more; refusing it reads only the 1 MB head.
        // Process-wide, so other tests running in parallel count too: the ceiling is well below one reading, well above none.
        Assert.True(allocated < 128L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB refusing the file");
    }

    [Fact]
    public async Task Report_FifoAsResult_Exit2WithoutWaitingForAWriter()
    {
        // A FIFO says its size is 0 and reading it waits for a writer: report used to block for ever. Refused from the kernel's
        // answer (statx) before it is opened.
        var fifo = Path.Combine(fixture.Folder, $"fifo-{Guid.NewGuid():N}.json");
        using (var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = CliRunner.RunAsync("report", fifo);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run;

        Assert.True(finished, "report is still waiting on the FIFO after 60 s");
        var (exit, output, error) = await run;
        Assert.True(exit == 2, $"exit {exit}: {error}{output}");
        Assert.Contains($"{fifo}: it is a FIFO (named pipe), not a regular file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_OtherToolsFileAboveTheSizeLimit_Exit2NamingFileSizeAndLimit()
    {
        // A hyperfine export padded (sparse) past the limit: other tools' files are read whole too, so they get the same bound.
        var file = Write("{\"results\":[{\"command\":\"sleep\",\"mean\":0.1,\"times\":[0.1,0.2,0.1]}]}", "hyperfine-huge");
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(Pacer.Analysis.Inputs.RunFileReader.MaxDocumentBytes + 1024 * 1024);
        }

        var (exit, output, error) = await CliRunner.RunAsync("compare", file, "--current", fixture.ValidPath);

        Assert.True(exit == 2, $"exit {exit}: {error}{output}");
        Assert.Contains($"{file}: 65 MB is larger than the 64 MB an input of pacer compare may be", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <c>report</c> and <c>compare</c> on <paramref name="file"/>; the problems with their answers (none when both exit 2 with
    /// one and the same line naming the file and <paramref name="field"/>).
    /// </summary>
    private async Task<List<string>> RefusedAsync(string file, string field)
    {
        var problems = new List<string>();
        var (exit, output, error) = await CliRunner.RunAsync("report", file);
        var (compareExit, compareOutput, compareError) = await CliRunner.RunAsync("compare", file, "--current", fixture.ValidPath);
        foreach (var (command, code, text) in new[] { ("report", exit, error + output), ("compare", compareExit, compareError + compareOutput) })
        {
            if (code != 2 || !text.Contains(file, StringComparison.Ordinal) || !text.Contains(field, StringComparison.Ordinal)
                || text.Contains("internal error", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal)
                || text.TrimEnd().Contains('\n', StringComparison.Ordinal))
            {
                problems.Add($"{field}: {command} exited {code}, wanted 2 and one line naming the file and the field: {text}");
            }
        }

        if (exit == 2 && compareExit == 2 && error != compareError)
        {
            problems.Add($"{field}: report and compare disagree:\n  {error.TrimEnd()}\n  {compareError.TrimEnd()}");
        }

        return problems;
    }

    /// <summary>Every property of the JSON (and the first element of every array, and what is inside it), as a path.</summary>
    private static IEnumerable<string> NullVariants(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    yield return childPath;
                    if (child is not null)
                    {
                        foreach (var inner in NullVariants(child, childPath))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray { Count: > 0 } array when array[0] is { } first:
                yield return $"{path}[0]";
                foreach (var inner in NullVariants(first, $"{path}[0]"))
                {
                    yield return inner;
                }

                break;
            default:
                break;
        }
    }

    /// <summary><paramref name="json"/> with the node at <paramref name="path"/> (<c>a.b[0].c</c>) replaced by <paramref name="value"/>.</summary>
    private static string Mutate(string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var steps = Step().Matches(path).Select(m => m.Value).ToList();
        var parent = root;
        foreach (var step in steps.SkipLast(1))
        {
            parent = step.StartsWith('[') ? parent[int.Parse(step[1..^1], CultureInfo.InvariantCulture)]! : parent[step]!;
        }

        var last = steps[^1];
        if (last.StartsWith('['))
        {
            parent[int.Parse(last[1..^1], CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[last] = value;
        }

        return root.ToJsonString();
    }

    private static string Normalise(string path) => Regex.Replace(Regex.Replace(path, @"\[\d+\]", "[]"), @"^metrics\.[^.]+", "metrics.*");

    private string Write(string json, string name)
    {
        var file = Path.Combine(fixture.Folder, $"{name}-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }

    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]")]
    private static partial Regex Step();
}
