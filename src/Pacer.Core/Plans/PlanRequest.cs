namespace Pacer.Core.Plans;

/// <summary>One request of a plan's mix as a <see cref="PlanBuilder"/> takes it (the C# form of an entry under <c>requests:</c>).</summary>
/// <param name="Method">HTTP method, e.g. <c>GET</c>.</param>
/// <param name="Path">A path under the plan's target (<c>/api/items?page=1</c>), or an absolute http(s) URL.</param>
public sealed record PlanRequest(string Method, string Path)
{
    /// <summary>Reporting name (the <c>name</c> tag); null gives <c>METHOD path</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Headers of this request, replacing the plan's defaults of the same name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Body as UTF-8 text; null for none.</summary>
    public string? Body { get; init; }

    /// <summary>Relative share of iterations (default 1).</summary>
    public double? Weight { get; init; }

    /// <summary>Per-request timeout; null takes the plan's default (30 s unless <see cref="PlanBuilder.Timeout"/> set one).</summary>
    public TimeSpan? Timeout { get; init; }
}
