namespace Pacer.Core.Plans.Scenarios;

/// <summary>What one piece of a compiled <see cref="Template"/> writes.</summary>
internal enum TemplatePartKind
{
    /// <summary>Fixed text, including resolved <c>${env.NAME}</c> values.</summary>
    Literal,

    /// <summary><c>${name}</c>: a variable of the scope.</summary>
    Variable,

    /// <summary><c>${data.column}</c>: a column of the current data row.</summary>
    DataColumn,

    /// <summary><c>${vu}</c>: the virtual user's number.</summary>
    VirtualUser,

    /// <summary><c>${iter}</c>: the iteration number.</summary>
    Iteration,

    /// <summary><c>${scenario}</c>: the scenario's name.</summary>
    Scenario,

    /// <summary><c>${uuid}</c>: a new random GUID.</summary>
    Uuid,

    /// <summary><c>${random(min,max)}</c>: a uniform whole number, both ends included.</summary>
    Random,

    /// <summary><c>${now}</c>: Unix time in milliseconds.</summary>
    Now,
}
