using System.Diagnostics.CodeAnalysis;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>What a <see cref="Template"/> reads while it renders: the virtual user's context, its variables and its current data row.</summary>
internal interface ITemplateScope
{
    /// <summary>The virtual user rendering, for <c>${vu}</c>.</summary>
    int VirtualUser { get; }

    /// <summary>The iteration being rendered, for <c>${iter}</c>.</summary>
    long Iteration { get; }

    /// <summary>The scenario's name, for <c>${scenario}</c>.</summary>
    string Scenario { get; }

    /// <summary>The generator <c>${random(min,max)}</c> draws from; one per virtual user, so it needs no lock.</summary>
    Random Random { get; }

    /// <summary>The value of variable <paramref name="name"/> as UTF-8, for <c>${name}</c>; false when it is not set. The span
    /// is the scope's own storage: valid until the variable is next set.</summary>
    bool TryGetVariable(string name, out ReadOnlySpan<byte> value);

    /// <summary>The current data row's value in <paramref name="column"/>, for <c>${data.column}</c>; false when there is no row or no such column.</summary>
    bool TryGetDataColumn(string column, [MaybeNullWhen(false)] out string value);
}
