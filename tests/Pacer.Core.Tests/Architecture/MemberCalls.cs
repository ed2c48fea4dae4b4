using System.Reflection;
using System.Reflection.Emit;

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

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

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
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (InvalidOperationException)
        {
            // Abstract, extern or runtime-implemented members have no body: they call nothing themselves.
            return;
        }

        if (il is null) return;
        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE) value = (short)(0xFE00 | il[at++]);
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                    if (Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments) is { } member) found.Add(member);
                    at += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            var member = module.ResolveMember(token, typeArguments, methodArguments);
            return member is MethodBase or FieldInfo ? member : null;
        }
        catch (ArgumentException)
        {
            // A token into another assembly's generic context that cannot be resolved here calls no clock.
            return null;
        }
    }
}
