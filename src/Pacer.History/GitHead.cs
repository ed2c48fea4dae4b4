namespace Pacer.History;

/// <summary>What git says of the working directory's HEAD.</summary>
/// <param name="Commit">Its commit.</param>
/// <param name="Branch">Its branch, or null on a detached HEAD.</param>
/// <param name="AuthorTime">The commit's author time.</param>
internal sealed record GitHead(string Commit, string? Branch, DateTimeOffset? AuthorTime);
