using System.CommandLine;
using Pacer.Cli.Commands;
using Pacer.Cli.Parsing;
using Pacer.Core.Plans;
using Pacer.Core.Results;
using Pacer.Reports.Console;

namespace Pacer.Cli;

/// <summary>The <c>pacer</c> command line: a thin shell over the pipeline stages, one command a file under Commands/.</summary>
internal static class PacerApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("Pacer: honest load tests for network services — drive, measure, judge, compare.");
        root.Subcommands.Add(RunCommand.Create(output, error));
        root.Subcommands.Add(DemoCommand.Create(output, error));
        root.Subcommands.Add(DemoTargetCommand.Create(output, error));
        root.Subcommands.Add(CompareCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(CheckCommand.Create(output));
        root.Subcommands.Add(DoctorCommand.Create(output));
        root.Subcommands.Add(CapacityCommand.Create(output, error));
        root.Subcommands.Add(TuneCommand.Create(output, error));
        root.Subcommands.Add(HistoryCommand.Create(output, error));

        var parse = root.Parse(args);

        // An unknown option or command is named with the nearest real one; the parser's own errors about the same words (a
        // stray value, a missing command) would only repeat it less clearly, so they are shown when there is no such word.
        var unknown = UnknownInput.Find(parse);
        IReadOnlyList<string> problems = unknown.Count > 0 ? unknown : [.. parse.Errors.Select(e => e.Message)];
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"pacer: {TerminalText.Clean(problem)}");
            }

            await error.WriteLineAsync($"Run '{UnknownInput.CommandPath(parse.CommandResult.Command)} --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            // Ctrl-C is handled by UserInterrupt inside the commands, so the parser's own termination handling is off.
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (PlanException e)
        {
            foreach (var planError in e.Errors)
            {
                await error.WriteLineAsync(TerminalText.Clean(planError.ToString()));
            }

            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is UsageException or ResultFormatException)
        {
            await error.WriteLineAsync($"pacer: {TerminalText.Clean(e.Message)}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("PACER_DEBUG") is null)
        {
            // Last line of defence: a user sees one clear line, not a stack trace. PACER_DEBUG=1 shows the trace.
            await error.WriteLineAsync($"pacer: internal error: {e.GetType().Name}: {TerminalText.Clean(e.Message)} (set PACER_DEBUG=1 for details)");
            return ExitCodes.RuntimeFailure;
        }
    }
}
