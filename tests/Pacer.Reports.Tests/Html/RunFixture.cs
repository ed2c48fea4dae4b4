using Pacer.Core.Results;

namespace Pacer.Reports.Tests.Html;

/// <summary>The result file of a real run against the demo target, kept as a fixture so page tests do not need a run.</summary>
internal static class RunFixture
{
    public static RunResult Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Html", "Fixtures", "run.json");
        return ResultFile.Parse(File.ReadAllText(path), path);
    }
}
