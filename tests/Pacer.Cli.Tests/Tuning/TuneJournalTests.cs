using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pacer.Cli.Tuning;
using Pacer.Reports.Tuning;

namespace Pacer.Cli.Tests.Tuning;

public sealed class TuneJournalTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pacer-tune-journal-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The journal's options before NativeAOT, with the reflection serializer.</summary>
    private static readonly JsonSerializerOptions Reflection = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Trials measured, pruned and failed (a NaN objective, nulls), the best, the confirmation: every part of the file.</summary>
    private static TuneReport Report() => new()
    {
        Name = "workers <pool>",
        TuneFile = "tune.yaml",
        TuneFileSha256 = "00ff",
        Objective = "throughput",
        Unit = "req/s",
        HigherIsBetter = true,
        Method = "bayes",
        Budget = 4,
        Seed = ulong.MaxValue,
        Knobs = ["workers", "GcServer"],
        StartedUtc = new DateTimeOffset(2026, 12, 5, 21, 0, 0, TimeSpan.Zero),
        WrittenUtc = new DateTimeOffset(2026, 12, 5, 21, 5, 0, TimeSpan.FromHours(2)),
        Status = "done",
        Trials =
        [
            new TuneTrialRecord { Number = 1, Phase = "search", Settings = new Dictionary<string, string> { ["workers"] = "2", ["GcServer"] = "true" }, Point = [0.5, 1], Value = 730.25, Feasible = true, Rps = 730.25, P99 = 12.5, CpuMsPerRequest = 0.4, Seconds = 2, ResultFile = "t/1.json" },
            new TuneTrialRecord { Number = 2, Phase = "search", Settings = new Dictionary<string, string> { ["workers"] = "8", ["GcServer"] = "false" }, Point = [1, 0], Value = double.NaN, Pruned = true, Problem = "the service did not start", Breaches = ["http_req_failed rate<0.05"] },
        ],
        Best = 1,
        BestSettings = new Dictionary<string, string> { ["workers"] = "2", ["GcServer"] = "true" },
        BestModelled = 725.5,
        DefaultSettings = new Dictionary<string, string> { ["workers"] = "8", ["GcServer"] = "false" },
        Sensitivity = [new TuneSensitivityRow("workers", 320, 0.8, ["2", "8"], [730.25, double.NaN])],
        Confirmation = new TuneConfirmation([650], [720], "improved", 0.108, 0.05, 0.16, null, "Welch") { Other = ["one run a side"] },
        Warnings = ["noisy"],
    };

    [Fact]
    public async Task TheFile_IsByteForByteWhatTheReflectionSerializerWrote_AndReadsBackWhole()
    {
        var report = Report();
        var path = Path.Combine(folder, "tune.json");
        using var expected = new MemoryStream();
        await JsonSerializer.SerializeAsync(expected, report, Reflection);

        await TuneJournal.WriteAsync(report, path);
        var read = TuneJournal.Read(path);

        Assert.Equal(expected.ToArray(), await File.ReadAllBytesAsync(path));
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("\"tune_file_sha256\": \"00ff\"", text, StringComparison.Ordinal);
        Assert.Contains("\"GcServer\": \"true\"", text, StringComparison.Ordinal);
        Assert.Contains("\"value\": \"NaN\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"p_value\"", text, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(report, Reflection), JsonSerializer.Serialize(read, Reflection));
    }

    [Fact]
    public void AFileWrittenBeforeTheSourceGeneratedContext_IsReadAsTheReflectionSerializerReadIt()
    {
        var path = Path.Combine(folder, "old.json");
        File.WriteAllText(path, JsonSerializer.Serialize(Report(), Reflection));

        var read = TuneJournal.Read(path);

        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<TuneReport>(File.ReadAllText(path), Reflection), Reflection), JsonSerializer.Serialize(read, Reflection));
        Assert.Equal("workers <pool>", read.Name);
        Assert.True(double.IsNaN(read.Trials[1].Value!.Value));
    }
}
