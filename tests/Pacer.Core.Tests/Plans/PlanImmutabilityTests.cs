using System.Reflection;
using System.Runtime.CompilerServices;
using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Plans;

/// <summary>
/// A parsed plan is immutable data and holds no run state: no type reachable from a <see cref="LoadPlan"/> (through its
/// fields and properties, the element types of its lists, and every subtype of an abstract step or check) has a setter
/// other than <c>init</c> or a field that can be written after construction. Run state (data cursors, variables, cookie jars,
/// check tallies) lives in the scenario runtime and is created per run; a setter here is how it crept into the plan before.
/// </summary>
public sealed class PlanImmutabilityTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void NoTypeReachableFromALoadPlan_HasASetterOrAWritableField()
    {
        var problems = new List<string>();
        foreach (var type in Reachable(typeof(LoadPlan)))
        {
            problems.AddRange(type.GetFields(Declared).Where(f => !f.IsInitOnly && !f.IsLiteral).Select(f => $"{type.FullName}: field {f.Name} is writable"));
            problems.AddRange(type.GetProperties(Declared).Where(p => p.SetMethod is { } set && !IsInitOnly(set)).Select(p => $"{type.FullName}: property {p.Name} has a setter"));
        }

        Assert.True(problems.Count == 0, "Mutable state reachable from a plan:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheWalk_ReachesScenarioStepsChecksAndTheirData()
    {
        var names = Reachable(typeof(LoadPlan)).Select(t => t.Name).ToHashSet();

        // Steps and checks are reached through their abstract base types, data values through the scenario's data (its compact cells;
        // a row is made when handed out).
        Assert.Superset(new HashSet<string> { "ScenarioSpec", "RequestStep", "ThinkStep", "GroupStep", "JsonCheck", "StatusCheck", "Template", "DataCells", "Extraction", "LoadProfile" }, names);
    }

    [Fact]
    public void TheCheck_SeesASetterAndAWritableField()
    {
        var type = typeof(Mutable);

        Assert.Contains(type.GetFields(Declared), f => !f.IsInitOnly && !f.IsLiteral);
        Assert.Contains(type.GetProperties(Declared), p => p.SetMethod is { } set && !IsInitOnly(set));
        Assert.DoesNotContain(typeof(LoadPlan).GetProperties(Declared), p => p.SetMethod is { } set && !IsInitOnly(set));
    }

    /// <summary>Every Core type reachable from <paramref name="root"/>; types of other assemblies (Uri, Regex, lists) are leaves.</summary>
    private static HashSet<Type> Reachable(Type root)
    {
        var core = root.Assembly;
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.TryDequeue(out var type))
        {
            if (type.HasElementType)
            {
                queue.Enqueue(type.GetElementType()!);
                continue;
            }

            // A list, dictionary, tuple or nullable of plan types: what it holds is reachable.
            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                queue.Enqueue(argument);
            }

            if (type.Assembly != core || type.IsEnum || !seen.Add(type))
            {
                continue;
            }

            foreach (var subtype in core.GetTypes().Where(t => t != type && type.IsAssignableFrom(t)))
            {
                queue.Enqueue(subtype);
            }

            foreach (var member in type.GetFields(Declared).Select(f => f.FieldType).Concat(type.GetProperties(Declared).Select(p => p.PropertyType)))
            {
                queue.Enqueue(member);
            }
        }

        return seen;
    }

    private static bool IsInitOnly(MethodInfo setter) => setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private sealed class Mutable
    {
        private int count;

        public int Value { get; set; }

        public int Next() => ++count;
    }
}
