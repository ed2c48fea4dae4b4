using System.Globalization;
using Pacer.Core.Results;
using Spectre.Console;

namespace Pacer.Cli.Pipeline;

/// <summary>
/// A few lines after the summary about the watched service (<c>--watch-*</c>): per source, its CPU and memory and what went
/// wrong watching it (yellow), then what its figures mean (notes, grey). The full picture is in the result's <c>target</c> section and the reports.
/// </summary>
internal static class TargetLines
{
    public static void Write(RunResult result, IAnsiConsole console)
    {
        if (result.Target is not { } target)
        {
            return;
        }

        console.MarkupLine("[bold]Target[/]");
        foreach (var source in target.Sources)
        {
            var metrics = target.Metrics.Where(m => m.Source == source.Kind).ToList();
            var parts = new List<string> { $"{source.Samples} s read" };
            if (metrics.FirstOrDefault(m => m.Name == "target_cpu") is { } cpu)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"cpu mean {cpu.Mean:0.00}, max {cpu.Max:0.00}{(cpu.Limit is { } cores ? $" of {cores:0.##}" : "")} cores"));
            }

            if (metrics.FirstOrDefault(m => m.Name == "target_memory") is { } memory)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"memory max {memory.Max / 1048576:0.0} MB"));
            }

            console.MarkupLineInterpolated($"  {source.Kind} {source.Address}: {string.Join(" · ", parts)}");
            foreach (var error in source.Errors)
            {
                console.MarkupLineInterpolated($"    [yellow]{error}[/]");
            }

            foreach (var note in source.Notes ?? [])
            {
                console.MarkupLineInterpolated($"    [grey]note: {note}[/]");
            }
        }
    }
}
