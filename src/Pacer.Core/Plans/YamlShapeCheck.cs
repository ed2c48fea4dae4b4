using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pacer.Core.Plans;

/// <summary>
/// Walks a plan's YAML event stream (YamlDotNet's parser is iterative, unlike its node builder, which recurses once per level)
/// before any node is built, and stops at the first shape that would eat the stack or the memory: nesting deeper than
/// <see cref="MaxDepth"/>, aliases that would expand to more than <see cref="MaxAliasNodes"/> nodes (a "billion laughs" plan is
/// under 1 KB) and a second document (which would be silently ignored). It also finds every key given twice in one mapping
/// (YamlDotNet stops at the first, without its place) with the text its entry spans, so the plan can be read without them and
/// its other mistakes reported at the same time. Memory is bounded by the text: one counter per open level and per anchor, one
/// key set per open mapping, one entry per duplicate.
/// </summary>
internal static class YamlShapeCheck
{
    /// <summary>Deepest nesting of lists and mappings a plan may have; a plan uses about six, a request body the rest.</summary>
    public const int MaxDepth = 100;

    /// <summary>Most nodes all aliases together may stand for once expanded (each alias counts the nodes of what it names).</summary>
    public const long MaxAliasNodes = 100_000;

    /// <summary>The first shape error in <paramref name="text"/> (a duplicate key when there is nothing worse), or null; YAML syntax errors are left to the node builder's report.</summary>
    public static PlanError? Check(string text, string path)
    {
        var shape = Inspect(text, path);
        return shape.Fatal ?? (shape.Duplicates.Count > 0 ? shape.Duplicates[0].Error : null);
    }

    /// <summary>Every duplicate key of <paramref name="text"/>, and the first shape error that stops reading it, if any.</summary>
    public static YamlShape Inspect(string text, string path)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<Level>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var duplicates = new List<DuplicateKey>();
        long aliasNodes = 0;
        var documents = 0;

        // Where the last node's text ended: a block collection's end event sits at the next line's token, so a duplicate
        // entry whose value is one ends here, after its last scalar, not at whatever follows it.
        var contentEnd = 0L;
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
                            return new YamlShape(At(path, start.Start, "a plan is one YAML document; this starts a second one", "remove the '---' line and what follows, or put it in its own plan"), duplicates);
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case MappingStart or SequenceStart:
                        if (open.Count >= MaxDepth)
                        {
                            return new YamlShape(At(path, current.Start, $"the plan nests deeper than {MaxDepth} levels", "flatten the structure, or send a deep body with body_file"), duplicates);
                        }

                        var blankFrom = Key(open, current, path, duplicates);
                        var flow = current is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
                        open.Push(new Level(((NodeEvent)current).Anchor, current is MappingStart, flow) { BlankFrom = blankFrom });
                        break;
                    case MappingEnd or SequenceEnd:
                        var closed = open.Pop();
                        contentEnd = closed.IsFlow ? current.End.Index : contentEnd;
                        Remember(anchors, closed.Anchor, closed.Nodes);
                        Count(open, closed.Nodes);
                        Blank(duplicates, closed.BlankFrom, contentEnd);
                        break;
                    case Scalar scalar:
                        contentEnd = scalar.End.Index;
                        Blank(duplicates, Key(open, scalar, path, duplicates), contentEnd);
                        Remember(anchors, scalar.Anchor, 1);
                        Count(open, 1);
                        break;
                    case AnchorAlias alias:
                        contentEnd = alias.End.Index;
                        Blank(duplicates, Key(open, alias, path, duplicates), contentEnd);
                        var nodes = anchors.GetValueOrDefault(alias.Value.Value, 1);
                        aliasNodes = Math.Min(aliasNodes + nodes, long.MaxValue / 2);
                        if (aliasNodes > MaxAliasNodes)
                        {
                            return new YamlShape(At(path, alias.Start, $"aliases expand to more than {MaxAliasNodes:N0} nodes", "an alias repeats everything its anchor holds; use fewer or smaller anchors"), duplicates);
                        }

                        Count(open, nodes);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // A syntax error: the node builder that runs next reports it with its place and our wording, so no error here.
            return new YamlShape(null, duplicates);
        }

        return new YamlShape(null, duplicates);
    }

    /// <summary>
    /// Tracks keys of the innermost mapping: every other node in it is a key, and a plain-text key seen before is a duplicate,
    /// recorded. When <paramref name="node"/> is the value of a duplicate key, the answer is where that entry's text starts (its
    /// key), so the caller can close the span once the value ends; otherwise null.
    /// </summary>
    private static long? Key(Stack<Level> open, ParsingEvent node, string path, List<DuplicateKey> duplicates)
    {
        if (open.Count == 0 || open.Peek() is not { IsMapping: true } mapping)
        {
            return null;
        }

        var isKey = mapping.ExpectKey;
        mapping.ExpectKey = !isKey;
        if (!isKey)
        {
            var from = mapping.DuplicateKeyAt;
            mapping.DuplicateKeyAt = null;
            return from;
        }

        if (node is Scalar { Value: var key } && !mapping.Keys.Add(key))
        {
            duplicates.Add(new DuplicateKey(At(path, node.Start, $"'{key}' appears twice in the same mapping", "a key may be given once; remove or rename one of them"), node.Start.Index, node.End.Index));
            mapping.DuplicateKeyAt = node.Start.Index;
        }

        return null;
    }

    /// <summary>Closes the span of the duplicate entry that started at <paramref name="from"/> (if any) at <paramref name="to"/>.</summary>
    private static void Blank(List<DuplicateKey> duplicates, long? from, long to)
    {
        if (from is not { } start)
        {
            return;
        }

        var i = duplicates.FindLastIndex(d => d.From == start);
        duplicates[i] = duplicates[i] with { To = Math.Max(duplicates[i].To, to) };
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

    /// <summary>One open list or mapping: its anchor, the nodes it holds so far (aliases expanded), for a mapping its keys, and a duplicate entry it is part of.</summary>
    private sealed class Level(AnchorName anchor, bool isMapping, bool isFlow)
    {
        public AnchorName Anchor { get; } = anchor;

        public bool IsMapping { get; } = isMapping;

        /// <summary>Written in brackets: its end event is its closing bracket, part of its text.</summary>
        public bool IsFlow { get; } = isFlow;

        /// <summary>For the value of a duplicate key: where that entry's text starts, so it ends with this collection.</summary>
        public long? BlankFrom { get; init; }

        /// <summary>In a mapping, after a duplicate key: where it starts, until its value is seen.</summary>
        public long? DuplicateKeyAt { get; set; }

        public long Nodes { get; set; } = 1;

        public bool ExpectKey { get; set; } = true;

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}
