using System.Reflection;

namespace Pacer.Core.Tests.Architecture;

/// <summary>
/// Every method, constructor and field one compiled type's method bodies use, read from the IL: the member-level companion
/// of <see cref="TypeReferences"/> (which answers only "which types"), for rules about <em>which</em> members of a type may
/// be called — <c>Stopwatch.Frequency</c> is arithmetic, <c>Stopwatch.GetTimestamp</c> reads the clock. Compiler-made
/// types (lambdas' closures, async state machines) are types of their own: scan every type of the assembly to see them.
/// </summary>
internal static class MemberCalls
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The members <paramref name="type"/>'s own method and constructor bodies call, load or store.</summary>
    public static IEnumerable<MemberInfo> Of(Type type)
    {
        var found = new HashSet<MemberInfo>();
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            ReadBody(found, type, method);
        }

        return found;
    }

    private static void ReadBody(HashSet<MemberInfo> found, Type type, MethodBase method)
    {
        foreach (var member in IlMembers.Of(type, method))
        {
            if (member is MethodBase or FieldInfo) found.Add(member);
        }
    }
}
