using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Tests.Inputs;

/// <summary>Paths of the hand-written input fixtures copied next to the test assembly, and lookups into what they read as.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Inputs", "Fixtures", name);

    public static RunData Read(string name) => RunFileReader.Read(Path(name));

    public static Observation Get(this RunData run, string group, string metric) =>
        Assert.Single(run.Observations, o => o.Group == group && o.Metric == metric);

    /// <summary>Writes <paramref name="text"/> to a fresh file with the given name in a temporary folder.</summary>
    public static string Temp(string name, string text)
    {
        var folder = Directory.CreateTempSubdirectory("pacer-inputs-").FullName;
        var path = System.IO.Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
