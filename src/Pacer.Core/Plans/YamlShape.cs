using System.Text;

namespace Pacer.Core.Plans;

/// <summary>What <see cref="YamlShapeCheck"/> found in a text: the shape error that stops reading it (or null), and every duplicate key.</summary>
internal sealed record YamlShape(PlanError? Fatal, IReadOnlyList<DuplicateKey> Duplicates)
{
    /// <summary>
    /// <paramref name="text"/> with each duplicate entry (the later one) turned into spaces, line breaks kept: every other node
    /// keeps its line and column, so the plan's other mistakes are reported at their places in the same run.
    /// </summary>
    public string WithoutDuplicates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Duplicates.Count == 0)
        {
            return text;
        }

        var blanked = new StringBuilder(text);
        foreach (var duplicate in Duplicates)
        {
            for (var i = (int)duplicate.From; i < Math.Min(duplicate.To, text.Length); i++)
            {
                if (blanked[i] is not ('\n' or '\r'))
                {
                    blanked[i] = ' ';
                }
            }
        }

        return blanked.ToString();
    }
}
