using System.CommandLine;
using Pacer.Cli.Doctor;
using Pacer.Core.Plans;
using Pacer.Reports.Console;

namespace Pacer.Cli.Commands;

/// <summary>
/// <c>pacer doctor [PLAN] [--connections N] [--url URL] [--json]</c>: checks this machine before a big run and says what will
/// limit it, with the fix for each; exits 0 when nothing will, 1 when something will.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(TextWriter output)
    {
        var plan = new Argument<string?>("plan") { Description = "The plan to be run: its connections (or virtual users) and target are judged against this machine.", Arity = ArgumentArity.ZeroOrOne };
        var connections = new Option<int?>("--connections", "-c") { Description = $"Connections the run will hold at once (default: the plan's, else {LoadProfile.DefaultMaxConnections:#,0}, pacer run's default pool)." };
        var url = new Option<string?>("--url", "-u") { Description = "The target the run will load (replaces the plan's target): is it on this machine?" };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON instead of a table." };
        var command = new Command("doctor", "Check this machine before a big run: open files, ports, TIME_WAIT, somaxconn, cores, CPU governor, clock source, and whether the target shares the CPU; exit 1 when something will limit the run.")
        {
            plan, connections, url, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var demand = Demand(parse.GetValue(plan), parse.GetValue(connections), parse.GetValue(url));
            var report = await MachineDoctor.ExamineAsync(HostFiles.ThisMachine, demand, TargetLocator.ForThisMachine(), Environment.ProcessorCount, cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(DoctorJson.Write(report));
            }
            else
            {
                DoctorRenderer.Render(report, ConsoleFactory.ForStandardOutput(output));
            }

            return report.Limited ? ExitCodes.RuntimeFailure : ExitCodes.Passed;
        });
        return command;
    }

    /// <summary>What the run will ask of the machine, from the plan and the options; a default, said so, for what neither gives.</summary>
    internal static DoctorDemand Demand(string? planPath, int? connections, string? url)
    {
        if (connections is < 1)
        {
            throw new UsageException($"--connections must be at least 1 (got {connections})");
        }

        Uri? target = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)))
        {
            throw new UsageException($"--url '{url}' is not an absolute http:// or https:// URL");
        }

        if (planPath is null)
        {
            return new(
                connections ?? LoadProfile.DefaultMaxConnections,
                connections is null ? "a default, pacer run's connection pool: give --connections N or a plan" : "--connections",
                target is null ? [] : [target.IdnHost]);
        }

        if (Directory.Exists(planPath))
        {
            throw new UsageException($"{planPath}: is a directory, not a plan file");
        }

        if (!File.Exists(planPath))
        {
            throw new UsageException($"{planPath}: no such plan file");
        }

        var loaded = PlanParser.Load(planPath);
        if (target is not null)
        {
            loaded = loaded.Retarget(target);
        }

        var peak = PlanConcurrency.Peak(loaded);
        var hosts = loaded.Requests.Select(r => r.Url).Prepend(loaded.Target).Select(u => u.IdnHost).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return connections is { } given
            ? new(given, $"--connections; the plan's peak is {peak:#,0}", hosts)
            : new(peak, $"{planPath}: its max_connections or peak virtual users", hosts);
    }
}
