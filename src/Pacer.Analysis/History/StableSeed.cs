namespace Pacer.Analysis.History;

/// <summary>
/// A seed from a series' key that is the same in every process: string.GetHashCode is randomised per process, which would
/// make a check's p-values differ from run to run.
/// </summary>
internal static class StableSeed
{
    /// <summary>FNV-1a (64 bit) of <paramref name="text"/>'s UTF-16 code units, mixed with <paramref name="seed"/>.</summary>
    public static ulong Of(string text, int seed)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash ^ unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
    }
}
