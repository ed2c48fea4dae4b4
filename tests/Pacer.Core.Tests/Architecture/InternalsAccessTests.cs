using System.Reflection;
using System.Runtime.CompilerServices;
using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Architecture;

/// <summary>
/// Reports and analysis read results through Pacer.Core's public, documented API (tracked in PublicAPI.*.txt), so what a
/// library user can do, they can do too; the CLI (<c>pacer</c>) runs over the public engine the same way. Only test
/// projects may see Core's internals.
/// </summary>
public sealed class InternalsAccessTests
{
    [Fact]
    public void Core_ShowsItsInternalsToNoLibrary()
    {
        var friends = typeof(LoadPlan).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal))
            .ToList();

        Assert.True(friends.Count == 0, $"Pacer.Core shows its internals to: {string.Join(", ", friends)}");
    }
}
