using Pacer.Cli.Pipeline;
using Pacer.Core.Plans;

namespace Pacer.Cli.Tests;

/// <summary>Where the service's log goes, and how the plan's watch: section and the flags make one service command.</summary>
public sealed class ServiceCommandTests
{
    [Theory]
    [InlineData("pacer-result.json", "pacer-result.service.log")]
    [InlineData("out/run.json", "out/run.service.log")]
    [InlineData("run", "run.service.log")]
    [InlineData("/dev/null", "pacer-result.service.log")]
    public void LogPathFor_NextToTheResultAndNamedAfterIt(string result, string log) => Assert.Equal(log, ServiceCommand.LogPathFor(result));

    [Fact]
    public void From_PlanOnly_TakesAllItsSettings()
    {
        var plan = new WatchSpec
        {
            Command = "./api",
            Ready = new Uri("http://127.0.0.1:8080/health"),
            ReadyTimeout = TimeSpan.FromSeconds(7),
            StopGrace = TimeSpan.FromSeconds(2),
            Environment = new Dictionary<string, string> { ["A"] = "b" },
        };

        var service = ServiceCommand.From(plan, null, null)!;

        Assert.Equal(("./api", "http://127.0.0.1:8080/health", "watch.ready"), (service.Command, service.ReadyUrl, service.ReadyPlace));
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2)), (service.ReadyTimeout, service.StopGrace));
        Assert.Equal("b", service.Environment["A"]);
    }

    [Fact]
    public void From_NothingOrOnlyAReadyUrl_NoneOrAUsageError()
    {
        Assert.Null(ServiceCommand.From(null, null, null));
        Assert.Null(ServiceCommand.From(new WatchSpec { Pid = 4 }, null, null));
        Assert.Throws<UsageException>(() => ServiceCommand.From(null, null, "http://127.0.0.1:1/"));
        var e = Assert.Throws<UsageException>(() => ServiceCommand.From(new WatchSpec { Ready = new Uri("http://127.0.0.1:1/"), StopGrace = TimeSpan.FromSeconds(1) }, null, null));
        Assert.Equal("watch.ready, watch.stop_grace apply to a command Pacer starts, and there is none: add watch.command or --watch-cmd", e.Message);
        Assert.NotNull(ServiceCommand.From(new WatchSpec { Ready = new Uri("http://127.0.0.1:1/") }, "./api", null));
    }

    [Fact]
    public void ToStartOptions_ReadyNotAUrl_NamesItsPlace()
    {
        var e = Assert.Throws<UsageException>(() => new ServiceCommand("./api", "localhost:8080/health", "watch.ready").ToStartOptions("x.log"));

        Assert.StartsWith("watch.ready: 'localhost:8080/health' is not an http:// or https:// URL", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The log is an output like the others: it may not overwrite an input or another output.</summary>
    [Fact]
    public async Task Run_ServiceLogIsAnotherOutput_Exit2BeforeStarting()
    {
        var result = CliRunner.TempFile("same.json");
        var log = Path.ChangeExtension(result, ".service.log");
        var (exit, _, error) = await CliRunner.RunAsync("run", "--url", "http://127.0.0.1:9/", "--rate", "1", "--out", result, "--html", log, "--watch-cmd", "sleep 30");

        Assert.Equal(2, exit);
        Assert.Contains($"the service log {log} and --html {log} are the same file", error, StringComparison.Ordinal);
        Assert.False(File.Exists(log));
    }
}
