using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pacer.Core.Plans;

/// <summary>
/// Walks a plan's YAML event stream (YamlDotNet's parser is iterative, unlike its node builder, which recurses once per level)
/// before any node is built, and stops at the first shape that would eat the stack or the memory: nesting deeper than
/// <see cref="MaxDepth"/>, aliases that would expand to more than <see cref="MaxAliasNodes"/> nodes (a "billion laughs" plan is
/// under 1 KB), a second document (which would be silently ignored), and a key given twice in one mapping (YamlDotNet reports
/// that without its place). Memory is bounded by the text: one counter per open level and per anchor, one key set per open mapping.
/// </summary>
internal static class YamlShapeCheck
{
    /// <summary>Deepest nesting of lists and mappings a plan may have; a plan uses about six, a request body the rest.</summary>
    public const int MaxDepth = 100;

    /// <summary>Most nodes all aliases together may stand for once expanded (each alias counts the nodes of what it names).</summary>
    public const long MaxAliasNodes = 100_000;

    /// <summary>The first shape error in <paramref name="text"/>, or null; YAML syntax errors are left to the node builder's report.</summary>
    public static PlanError? Check(string text, string path)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<Level>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        long aliasNodes = 0;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current;
                switch (current)
                {
                    case DocumentStart start when !start.IsImplicit || documents > 0:
                        if (++documents > 1)
                        {
                            return At(path, start.Start, "a plan is one YAML document; this starts a second one", "remove the '---' line and what follows, or put it in its own plan");
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case MappingStart or SequenceStart:
                        if (open.Count >= MaxDepth)
                        {
                            return At(path, current.Start, $"the plan nests deeper than {MaxDepth} levels", "flatten the structure, or send a deep body with body_file");
                        }

                        if (Key(open, current, path) is { } duplicateAtCollection)
                        {
                            return duplicateAtCollection;
                        }

                        open.Push(new Level(((NodeEvent)current).Anchor, current is MappingStart));
                        break;
                    case MappingEnd or SequenceEnd:
                        var closed = open.Pop();
                        Remember(anchors, closed.Anchor, closed.Nodes);
                        Count(open, closed.Nodes);
                        break;
                    case Scalar scalar:
                        if (Key(open, scalar, path) is { } duplicate)
                        {
                            return duplicate;
                        }

                        Remember(anchors, scalar.Anchor, 1);
                        Count(open, 1);
                        break;
                    case AnchorAlias alias:
                        Key(open, alias, path);
                        var nodes = anchors.GetValueOrDefault(alias.Value.Value, 1);
                        aliasNodes = Math.Min(aliasNodes + nodes, long.MaxValue / 2);
                        if (aliasNodes > MaxAliasNodes)
                        {
                            return At(path, alias.Start, $"aliases expand to more than {MaxAliasNodes:N0} nodes", "an alias repeats everything its anchor holds; use fewer or smaller anchors");
                        }

                        Count(open, nodes);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // A syntax error: the node builder that runs next reports it with its place and our wording, so no error here.
            return null;
        }

        return null;
    }

    /// <summary>Tracks keys of the innermost mapping: every other node in it is a key, and a plain-text key seen before is an error.</summary>
    private static PlanError? Key(Stack<Level> open, ParsingEvent node, string path)
    {
        if (open.Count == 0 || open.Peek() is not { IsMapping: true } mapping)
        {
            return null;
        }

        var isKey = mapping.ExpectKey;
        mapping.ExpectKey = !isKey;
        if (isKey && node is Scalar { Value: var key } && !mapping.Keys.Add(key))
        {
            return At(path, node.Start, $"'{key}' appears twice in the same mapping", "a key may be given once; remove or rename one of them");
        }

        return null;
    }

    private static void Count(Stack<Level> open, long nodes)
    {
        if (open.Count > 0)
        {
            var parent = open.Peek();
            parent.Nodes = Math.Min(parent.Nodes + nodes, long.MaxValue / 2);
        }
    }

    private static void Remember(Dictionary<string, long> anchors, AnchorName anchor, long nodes)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = nodes;
        }
    }

    private static PlanError At(string path, Mark mark, string message, string hint) => new(path, (int)mark.Line, (int)mark.Column, message, hint);

    /// <summary>One open list or mapping: its anchor, the nodes it holds so far (aliases expanded), and for a mapping its keys.</summary>
    private sealed class Level(AnchorName anchor, bool isMapping)
    {
        public AnchorName Anchor { get; } = anchor;

        public bool IsMapping { get; } = isMapping;

        public long Nodes { get; set; } = 1;

        public bool ExpectKey { get; set; } = true;

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}
