using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Pacer.Core.Plans;

namespace Pacer.Cli.Parsing;

/// <summary>
/// Finds the options and commands a command line names that do not exist, each with the nearest real one. The parser itself
/// would take an unknown option for the plan argument (<c>--stric</c> became a plan file that does not exist) or leave its
/// value stray (<c>--rat 100</c> read as "unrecognized argument '100'"), naming the wrong word.
/// </summary>
internal static class UnknownInput
{
    /// <summary>One line per unknown option or command (without the <c>pacer: </c> prefix); empty when there is none.</summary>
    public static IReadOnlyList<string> Find(ParseResult parse)
    {
        var command = parse.CommandResult.Command;

        // After "--" every word is an argument, even one that starts with '-': that is how a file named -x.yaml is given.
        var literal = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Skip(1).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);

        // Words the parser could not place, words it placed in the command's arguments, and words after the first value of an
        // option that takes several (compare's --current a.json --html x.html gave --current three files, then "--html: no
        // such file"): an unknown option lands in one of the three. A single-valued option keeps a value that starts with '-'.
        var stray = parse.UnmatchedTokens
            .Concat(parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens.Select(t => t.Value)))
            .Concat(parse.CommandResult.Children.OfType<OptionResult>()
                .Where(o => o.Option.Arity.MaximumNumberOfValues > 1)
                .SelectMany(o => o.Tokens.Skip(1).Select(t => t.Value)))
            .Where(word => !literal.Contains(word))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var messages = new List<string>();
        foreach (var word in stray.Where(LooksLikeOption))
        {
            var name = OptionName(word);
            var suggestion = KeySuggester.Suggest(name, OptionNames(command));
            if (command.Name == "compare" && name == "--html")
            {
                // The one option users reach for on the wrong command: the compare page is the report command's.
                messages.Add("unknown option '--html' (the HTML compare page is written by pacer report BASE.json CURRENT.json --html FILE)");
                continue;
            }

            messages.Add(suggestion is not null
                ? $"unknown option '{name}' (did you mean {suggestion}?)"
                : $"unknown option '{name}' ({CommandPath(command)} --help lists the options)");
        }

        if (command is RootCommand && stray.FirstOrDefault(word => !LooksLikeOption(word)) is { } unknownCommand)
        {
            var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            var suggestion = KeySuggester.Suggest(unknownCommand, commands);
            messages.Add(suggestion is not null
                ? $"unknown command '{unknownCommand}' (did you mean {suggestion}?)"
                : $"unknown command '{unknownCommand}' (the commands are {string.Join(", ", commands)})");
        }

        return messages;
    }

    /// <summary>How to ask for this command's help: <c>pacer run</c>, or <c>pacer</c> for the root.</summary>
    public static string CommandPath(Command command) => command is RootCommand ? "pacer" : $"pacer {command.Name}";

    /// <summary>A word that starts with '-' and is not a negative number (which an option's value or an argument may be).</summary>
    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && !double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The option part of <c>--name=value</c> or <c>--name:value</c>, which the parser splits only for options it knows.</summary>
    private static string OptionName(string word)
    {
        var end = word.IndexOfAny(['=', ':']);
        return end > 0 ? word[..end] : word;
    }

    /// <summary>The names and aliases of the options <paramref name="command"/> accepts: its own and those its parents pass down (--help).</summary>
    private static IEnumerable<string> OptionNames(Command command)
    {
        var options = command.Options.Where(o => !o.Hidden).ToList();
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            options.AddRange(parent.Options.Where(o => o.Recursive && !o.Hidden));
        }

        return options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-'));
    }
}
