using Pacer.Cli.Pipeline;

namespace Pacer.Cli.Tests;

/// <summary><c>pacer demo-target</c>'s settings for findings: sizes and durations read as the plan reads them, mistakes named with exit 2.</summary>
public sealed class DemoTargetCommandTests
{
    [Theory]
    [InlineData(new[] { "demo-target", "--leak-per-request", "lots" }, "--leak-per-request 'lots' is not a size (sizes look like 16kB, 1.5MB, 64KiB or a number of bytes)")]
    [InlineData(new[] { "demo-target", "--leak-per-request", "2GB" }, "leak per request 2000000000 bytes must be between 0 and the leak cap (268435456 bytes)")]
    [InlineData(new[] { "demo-target", "--leak-cap", "2GiB" }, "leak cap 2147483648 bytes must be between 0 and 1073741824 (1 GiB)")]
    [InlineData(new[] { "demo-target", "--cpu-per-request", "5 parsecs" }, "--cpu-per-request '5 parsecs' is not a positive duration (durations look like 500ms, 30s, 1m30s, 2h)")]
    [InlineData(new[] { "demo-target", "--lock-hold", "2s" }, "lock hold 2000 ms must be between 0 and 1000 ms")]
    public async Task BadFindingSetting_IsNamed_Exit2(string[] args, string expected)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal($"pacer: {expected}", error.Split('\n')[0].TrimEnd('\r'));
    }

    [Theory]
    [InlineData("16kB", 16_000)]
    [InlineData("1.5 MB", 1_500_000)]
    [InlineData("64KiB", 65_536)]
    [InlineData("4096", 4096)]
    [InlineData("1gb", 1_000_000_000)]
    public void ByteSize_ReadsDecimalAndBinaryUnits(string text, long bytes) =>
        Assert.Equal(bytes, ByteSizeOption.Parse(text, "--leak-per-request"));
}
