using Pacer.DemoTarget;
using Pacer.Examples.Library;

namespace Pacer.Core.Tests.Engine;

/// <summary>examples/library runs as docs/library.md says: a plan built in C#, run against the demo target, p99 printed.</summary>
public sealed class LibraryExampleTests
{
    [Fact]
    public async Task RunAsync_AgainstTheDemoTarget_RunsThePlanAndPrintsP99()
    {
        await using var demo = await DemoTargetHost.StartAsync(new DemoTargetOptions { Port = 0 });
        using var output = new StringWriter();

        var exit = await LibraryExample.RunAsync([demo.BaseAddress.ToString(), "2"], output, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var text = output.ToString();
        Assert.True(exit is 0 or 99, $"exit {exit}\n{text}");
        Assert.Contains("running library example against " + demo.BaseAddress, text, StringComparison.Ordinal);
        Assert.Matches(@"\d+ requests, p99 \d+(\.\d+)? ms, (passed|FAILED)", text);
        Assert.Contains("list sessions: ", text, StringComparison.Ordinal);
    }
}
