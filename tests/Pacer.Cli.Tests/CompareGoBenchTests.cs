using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Pacer.Cli.Tests;

/// <summary>
/// <c>pacer compare</c> on <c>go test -bench -count 5</c> text, end to end (issue 15): the rows count five measurements a side,
/// no row reads "~" and "regressed" at once, JUnit names the threshold as a percentage, the JSON says what each verdict rests on.
/// </summary>
public sealed class CompareGoBenchTests
{
    [Fact]
    public async Task Compare_TwelveBenchmarksFiveRepetitionsOneShifted_ReadsConsistently()
    {
        var (old, @new) = (CliRunner.TempFile("old.txt"), CliRunner.TempFile("new.txt"));
        await File.WriteAllTextAsync(old, GoBench(shifted: 1.0));
        await File.WriteAllTextAsync(@new, GoBench(shifted: 1.2));
        var (junit, json) = (CliRunner.TempFile("compare.xml"), CliRunner.TempFile("compare.json"));

        var (exit, text, error) = await CliRunner.RunAsync("compare", old, "--current", @new, "--junit", junit, "--json", json);

        Assert.True(exit == 0, error + text);
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.Contains("BenchmarkB0-8", StringComparison.Ordinal) && l.Contains("5+5", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("~ (p=", StringComparison.Ordinal) && l.Contains("regressed", StringComparison.Ordinal));
        Assert.DoesNotContain("1+1", text, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var b0 = doc.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("group").GetString() == "BenchmarkB0-8" && r.GetProperty("metric").GetString() == "time/op");
        Assert.Equal("inconclusive", b0.GetProperty("verdict").GetString());
        Assert.Equal("not_significant_after_correction", b0.GetProperty("basis").GetString());
        Assert.Equal(5, b0.GetProperty("baseline_runs").GetInt32());
        Assert.Empty(XDocument.Parse(await File.ReadAllTextAsync(junit)).Descendants("failure"));
    }

    [Fact]
    public async Task Compare_OneBenchmarkRegressed_JUnitGivesTheThresholdAsAPercentage()
    {
        var (old, @new) = (CliRunner.TempFile("old.txt"), CliRunner.TempFile("new.txt"));
        await File.WriteAllTextAsync(old, GoBench(shifted: 1.0, count: 1));
        await File.WriteAllTextAsync(@new, GoBench(shifted: 1.2, count: 1));
        var junit = CliRunner.TempFile("compare.xml");

        var (exit, text, error) = await CliRunner.RunAsync("compare", old, "--current", @new, "--junit", junit, "--threshold", "7%");

        Assert.True(exit == 99, error + text);
        var failure = Assert.Single(XDocument.Parse(await File.ReadAllTextAsync(junit)).Descendants("failure"));
        Assert.EndsWith("(threshold 7%)", (string)failure.Attribute("message")!, StringComparison.Ordinal);
    }

    /// <summary>Five repetitions of <paramref name="count"/> benchmarks, ±1% apart; the first one's time scaled by <paramref name="shifted"/>.</summary>
    private static string GoBench(double shifted, int count = 12)
    {
        double[] jitter = [-0.01, 0.004, 0.0, -0.006, 0.01];
        var lines = new List<string> { "goos: linux", "goarch: amd64", "pkg: example.com/p" };
        foreach (var j in jitter)
        {
            for (var i = 0; i < count; i++)
            {
                var ns = (1000.0 + (37 * i)) * (i == 0 ? shifted : 1) * (1 + j);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"BenchmarkB{i}-8   1000000   {ns:0.0} ns/op   64 B/op   2 allocs/op"));
            }
        }

        lines.Add("PASS");
        return string.Join('\n', lines) + "\n";
    }
}
