using System.Text.Json.Nodes;
using Pacer.DemoTarget;

namespace Pacer.Cli.Tests.Reliability;

/// <summary>
/// One valid result file, written by a short real run against the demo target, for <see cref="ResultFileReliabilityTests"/> to
/// break in every way; and the temporary folder the broken copies go to (removed afterwards).
/// </summary>
public sealed class ResultFileReliabilityFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("pacer-result-reliability-").FullName;

    /// <summary>The valid result's JSON; its <c>errors</c> and <c>warnings</c> each hold one entry so their elements get broken too.</summary>
    public string ValidJson { get; private set; } = "";

    /// <summary>The valid result as a file.</summary>
    public string ValidPath => Path.Combine(Folder, "valid.json");

    public async Task InitializeAsync()
    {
        await using var target = await DemoTargetHost.StartAsync(new DemoTargetOptions());
        var run = Path.Combine(Folder, "run.json");
        var (exit, output, error) = await CliRunner.RunAsync("run", "--url", target.BaseAddress + "health", "--vus", "2", "--duration", "1s", "--out", run, "-q");
        if (!File.Exists(run))
        {
            throw new InvalidOperationException($"the fixture run exited {exit} without a result: {error}{output}");
        }

        var root = JsonNode.Parse(await File.ReadAllTextAsync(run))!.AsObject();
        if (root["errors"]!.AsArray().Count == 0)
        {
            root["errors"]!.AsArray().Add(new JsonObject { ["kind"] = "timeout", ["count"] = 1, ["example"] = "timed out after 30 s" });
        }

        if (root["warnings"]!.AsArray().Count == 0)
        {
            root["warnings"]!.AsArray().Add("a warning");
        }

        ValidJson = root.ToJsonString();
        await File.WriteAllTextAsync(ValidPath, ValidJson);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
