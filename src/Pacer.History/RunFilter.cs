namespace Pacer.History;

/// <summary>Which runs a read takes: every condition given must hold.</summary>
internal sealed record RunFilter
{
    /// <summary>Every run.</summary>
    public static RunFilter All { get; } = new();

    /// <summary>Only this plan's runs.</summary>
    public string? Plan { get; init; }

    /// <summary>Only this branch's runs.</summary>
    public string? Branch { get; init; }

    /// <summary>Only runs recorded at or after this.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only the newest this many (in history order) of those selected.</summary>
    public int? Last { get; init; }
}
