using System.Diagnostics;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests;

public sealed class InterruptTests
{
    [Fact]
    public async Task Run_SigInt_WritesPartialResultMarkedAbortedAndExits130()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var output = CliRunner.TempFile("interrupted.json");
        var pacer = Path.Combine(AppContext.BaseDirectory, "pacer.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { pacer, "run", "--url", target.BaseAddress + "health", "--rate", "100", "--duration", "60s", "--out", output })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();

        // The first progress line (on standard error) means load is flowing: then interrupt, as Ctrl-C would.
        var line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(line);
        Assert.Contains("req/s", line, StringComparison.Ordinal);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, process.ExitCode);
        var result = CliRunner.ReadResult(output);
        Assert.True(result.GetProperty("aborted").GetBoolean());
        Assert.Equal("interrupted by the user", result.GetProperty("abort_reason").GetString());
        Assert.True(result.GetProperty("metrics").GetProperty("http_reqs").GetProperty("count").GetInt64() > 0);
        Assert.Contains("aborted: interrupted by the user", await stdout, StringComparison.Ordinal);
    }
}
