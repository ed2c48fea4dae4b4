using System.Text.Json;

namespace Pacer.Cli.Tests;

/// <summary>Runs the real <c>pacer</c> command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await PacerApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static JsonElement ReadResult(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static string TempFile(string name) => Path.Combine(Path.GetTempPath(), $"pacer-test-{Guid.NewGuid():N}-{name}");
}
