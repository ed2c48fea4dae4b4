using System.Reflection;
using System.Reflection.Emit;

namespace Pacer.Core.Tests.Architecture;

/// <summary>
/// The members (types, methods, constructors, fields) one compiled method body names, read from its IL and resolved in its
/// generic context: what <see cref="TypeReferences"/> and <see cref="MemberCalls"/> both read, so the IL is decoded in one
/// place.
/// </summary>
internal static class IlMembers
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>The body of <paramref name="method"/>, or null when it has none (abstract, extern, runtime-implemented).</summary>
    public static MethodBody? BodyOf(MethodBase method)
    {
        try
        {
            return method.GetMethodBody();
        }
        catch (InvalidOperationException)
        {
            // Abstract, extern or runtime-implemented members have no body to read; they name nothing themselves.
            return null;
        }
    }

    /// <summary>Every member the body of <paramref name="method"/> (declared by <paramref name="type"/>) names.</summary>
    public static IEnumerable<MemberInfo> Of(Type type, MethodBase method)
    {
        var il = BodyOf(method)?.GetILAsByteArray();
        if (il is null) yield break;
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
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    if (Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments) is { } member) yield return member;
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
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            // A token into another assembly's generic context that cannot be resolved here names no Pacer.Core member.
            return null;
        }
    }
}
