using System.Text.Json;

namespace Pacer.Cli.Tests;

/// <summary>The runtime settings pacer ships in its runtimeconfig.json (src/Pacer.Cli/Pacer.Cli.csproj, bench/README.md).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void Pacer_caps_the_gen0_budget_at_8_MB()
    {
        // Uncapped, the workstation GC grew its gen0 budget to 80 MB while 10,000 WebSockets opened and kept it committed
        // while they sat idle: 5 KB of RSS per idle socket, against issue 18's 8 KB per socket in all.
        var properties = ConfigProperties();

        Assert.True(properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget), "pacer.runtimeconfig.json sets no System.GC.Gen0MaxBudget");
        Assert.Equal(8L * 1024 * 1024, budget.GetInt64());
    }

    [Fact]
    public void Pacer_keeps_the_workstation_concurrent_gc()
    {
        var properties = ConfigProperties();

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
    }

    private static JsonElement ConfigProperties()
    {
        // The SDK copies a referenced executable's runtimeconfig.json next to the test assembly.
        var path = Path.Combine(AppContext.BaseDirectory, "pacer.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
