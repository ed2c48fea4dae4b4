using System.Diagnostics;

namespace Pacer.Native.Tests;

/// <summary>
/// The pacer users run: the NativeAOT binary <c>dotnet publish src/Pacer.Cli -c Release</c> makes. <c>PACER_NATIVE</c> names a
/// published binary (.ci/run publishes one before the tests); without it the fixture publishes one into a temporary folder,
/// once per test run, and removes it afterwards. Before the first test it waits (at most 8 minutes) for the other test
/// assemblies, which dotnet test runs beside this one, to leave the processors mostly idle: these tests load the machine for
/// seconds at a time (the demo, journeys, a 10,000/s run), and the timing tests of the other assemblies judge what they see.
/// </summary>
public sealed class NativePacer : IDisposable
{
    /// <summary>The variable naming an already published binary.</summary>
    public const string Variable = "PACER_NATIVE";

    private readonly string? publishedInto;

    public NativePacer()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            Binary = File.Exists(given) ? Path.GetFullPath(given) : throw new InvalidOperationException($"{Variable}={given}: no such file");
            WaitForQuiet();
            return;
        }

        publishedInto = Directory.CreateTempSubdirectory("pacer-native-").FullName;
        var project = Path.Combine(RepositoryRoot(), "src", "Pacer.Cli");
        var publish = NativeProcess.Run("dotnet", ["publish", project, "-c", "Release", "-o", publishedInto, "-nologo"], Environment.CurrentDirectory, TimeSpan.FromMinutes(15));
        if (publish.Exit != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed (exit {publish.Exit}):\n{publish.Stdout[^Math.Min(4000, publish.Stdout.Length)..]}\n{publish.Stderr}");
        }

        Binary = Path.Combine(publishedInto, "pacer");
        WaitForQuiet();
    }

    /// <summary>The native pacer's path.</summary>
    public string Binary { get; }

    /// <summary>Runs pacer with <paramref name="arguments"/> in <paramref name="folder"/>; killed (by its PID) after <paramref name="timeout"/>.</summary>
    public NativeResult Run(string folder, TimeSpan timeout, params string[] arguments) => NativeProcess.Run(Binary, arguments, folder, timeout);

    public void Dispose()
    {
        if (publishedInto is not null)
        {
            Directory.Delete(publishedInto, recursive: true);
        }
    }

    private static void WaitForQuiet() => MachineLoad.WaitForQuietAsync(0.85, TimeSpan.FromMinutes(8)).GetAwaiter().GetResult();

    /// <summary>The repository these tests were built in (the folder holding Pacer.slnx): its sources and examples.</summary>
    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pacer.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Pacer.slnx above {AppContext.BaseDirectory}: these tests run from the repository's build output");
    }
}
