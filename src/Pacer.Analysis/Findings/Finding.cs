using System.Text.RegularExpressions;

namespace Pacer.Analysis.Findings;

/// <summary>
/// One thing that limited the service, with its evidence. The <see cref="Headline"/> is a sentence whose numbers are left as
/// <c>{name}</c> placeholders, one per <see cref="Evidence"/> item, so every report writes them in its own number format
/// (<see cref="Text"/>).
/// </summary>
/// <param name="Kind">Which rule found it.</param>
/// <param name="Rank">Its place in the list: lower comes first (the generator before the service, the CPU before its symptoms).</param>
/// <param name="Title">A short name: <c>CPU-bound</c>, <c>leak suspect</c> ….</param>
/// <param name="Headline">The sentence, with <c>{name}</c> where each evidence value goes.</param>
/// <param name="Evidence">The numbers the sentence cites, each with the seconds it refers to.</param>
public sealed partial record Finding(FindingKind Kind, int Rank, string Title, string Headline, IReadOnlyList<FindingEvidence> Evidence)
{
    /// <summary>The headline with each <c>{name}</c> replaced by <paramref name="format"/> of its evidence (a name without evidence stays as written).</summary>
    public string Text(Func<FindingEvidence, string> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return Placeholder().Replace(Headline, m => Evidence.FirstOrDefault(e => e.Name == m.Groups[1].Value) is { } e ? format(e) : m.Value);
    }

    [GeneratedRegex(@"\{([a-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
