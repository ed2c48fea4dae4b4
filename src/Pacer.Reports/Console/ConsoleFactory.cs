using Spectre.Console;

namespace Pacer.Reports.Console;

/// <summary>Spectre consoles over a writer: colours and live updates on a terminal, plain wide text when redirected (CI logs, files, tests).</summary>
internal static class ConsoleFactory
{
    private const int RedirectedWidth = 160;

    /// <summary>A console writing to <paramref name="writer"/>; <paramref name="isTerminal"/> says whether it is an interactive terminal.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>A console for standard output, a terminal unless output is redirected or NO_COLOR is set.</summary>
    public static IAnsiConsole ForStandardOutput(TextWriter writer) =>
        Create(writer, ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
}
