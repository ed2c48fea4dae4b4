using System.Text.Json;
using Pacer.Cli.Commands;
using Pacer.Cli.Doctor;
using Pacer.Core.Plans;

namespace Pacer.Cli.Tests.Doctor;

/// <summary><c>pacer doctor</c> end to end on this machine (its values are not asserted, only that the table and the exit code agree), and its inputs.</summary>
public sealed class DoctorCommandTests
{
    private static readonly string[] CheckNames = [.. MachineDoctor.Checks.Select(c => c.Name)];

    [Fact]
    public async Task Doctor_OnThisMachine_PrintsEveryCheckAndExitsAsItsTableSays()
    {
        var (exit, text, error) = await CliRunner.RunAsync("doctor", "--url", "http://127.0.0.1:8080/", "--connections", "100");

        Assert.True(exit is 0 or 1, error + text);
        Assert.Equal("", error);
        var rows = CheckNames.Select(name => text.Split('\n').Single(l => l.TrimStart().StartsWith(name + "  ", StringComparison.Ordinal))).ToList();
        var verdicts = rows.Select(r => r.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[2]).ToList();
        Assert.All(verdicts, v => Assert.Contains(v, new[] { "ok", "warn", "LIMIT", "unknown" }));
        Assert.Equal(verdicts.Contains("LIMIT") ? 1 : 0, exit);
        Assert.Contains(exit == 1 ? "LIMITED: " : "OK: nothing here will limit the run", text, StringComparison.Ordinal);
        Assert.Contains("up to 100 connections (--connections) to 127.0.0.1", text, StringComparison.Ordinal);
        // A loopback target is this machine, whatever the machine.
        Assert.Contains("127.0.0.1: this machine", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_Json_HasEveryCheckAndLimitedAgreesWithTheExitCode()
    {
        var (exit, text, error) = await CliRunner.RunAsync("doctor", "--json", "--connections", "1000000");

        Assert.True(exit == 1, error + text); // a million connections cannot fit in 65,535 ports on any machine
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.True(root.GetProperty("limited").GetBoolean());
        Assert.Equal(1_000_000, root.GetProperty("connections").GetInt32());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(CheckNames, checks.Select(c => c.GetProperty("check").GetString()));
        Assert.Equal("limit", checks.Single(c => c.GetProperty("check").GetString() == "ephemeral ports").GetProperty("verdict").GetString());
        Assert.All(checks, c => Assert.Contains(c.GetProperty("verdict").GetString(), new[] { "ok", "warn", "limit", "unknown" }));
    }

    [Fact]
    public void Demand_NoPlan_StatesItsDefault()
    {
        var demand = DoctorCommand.Demand(null, null, null);

        Assert.Equal(LoadProfile.DefaultMaxConnections, demand.Connections);
        Assert.Equal("a default, pacer run's connection pool: give --connections N or a plan", demand.ConnectionsFrom);
        Assert.Empty(demand.Hosts);
    }

    [Fact]
    public void Demand_Plan_TakesItsPeakAndItsHosts_AndUrlReplacesItsTarget()
    {
        var path = CliRunner.TempFile("doctor-plan.yaml");
        File.WriteAllText(path, """
            target: http://127.0.0.1:8080
            requests:
              - { path: /a }
              - { path: "http://other.test:9000/b" }
            load: { model: closed, stages: [{ duration: 5s, target: 30 }, { duration: 5s, target: 80 }] }
            """);

        var fromPlan = DoctorCommand.Demand(path, null, null);
        var retargeted = DoctorCommand.Demand(path, 500, "http://target.test:81/");

        Assert.Equal(80, fromPlan.Connections);
        Assert.StartsWith(path + ": ", fromPlan.ConnectionsFrom, StringComparison.Ordinal);
        Assert.Equal(["127.0.0.1", "other.test"], fromPlan.Hosts);
        Assert.Equal(500, retargeted.Connections);
        Assert.Equal("--connections; the plan's peak is 80", retargeted.ConnectionsFrom);
        Assert.Equal(["target.test", "other.test"], retargeted.Hosts);
    }

    [Theory]
    [InlineData(new[] { "doctor", "--connections", "0" }, "pacer: --connections must be at least 1 (got 0)")]
    [InlineData(new[] { "doctor", "--url", "ftp://x/" }, "pacer: --url 'ftp://x/' is not an absolute http:// or https:// URL")]
    [InlineData(new[] { "doctor", "--url", "127.0.0.1:8080" }, "pacer: --url '127.0.0.1:8080' is not an absolute http:// or https:// URL")]
    [InlineData(new[] { "doctor", "/nonexistent/plan.yaml" }, "pacer: /nonexistent/plan.yaml: no such plan file")]
    [InlineData(new[] { "doctor", "--conections", "5" }, "pacer: unknown option '--conections' (did you mean --connections?)")]
    public async Task Doctor_BadUsage_ExitsTwoNamingIt(string[] args, string expected)
    {
        var (exit, text, error) = await CliRunner.RunAsync(args);

        Assert.True(exit == 2, error + text);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_InvalidPlan_ExitsTwoWithItsPlace()
    {
        var path = CliRunner.TempFile("doctor-bad.yaml");
        await File.WriteAllTextAsync(path, "target: http://127.0.0.1:8080\nrequests: [{ path: / }]\nlaod: {}\n");

        var (exit, _, error) = await CliRunner.RunAsync("doctor", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}:3:1:", error, StringComparison.Ordinal);
    }
}
