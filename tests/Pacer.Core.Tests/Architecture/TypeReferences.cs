using System.Reflection;
using System.Reflection.Emit;

namespace Pacer.Core.Tests.Architecture;

/// <summary>
/// Every type one compiled type refers to: its signature (base type, interfaces, fields, properties, method parameters and
/// returns, locals) and its method bodies, read from the IL. Reading IL rather than <c>using</c> lines sees what the code
/// really calls — a fully qualified name, an extension method, a lambda's closure — and ignores stale usings and comments.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    public static IEnumerable<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Add(found, type.BaseType);
        foreach (var contract in type.GetInterfaces()) Add(found, contract);
        foreach (var field in type.GetFields(Everything)) Add(found, field.FieldType);
        foreach (var property in type.GetProperties(Everything)) Add(found, property.PropertyType);
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info) Add(found, info.ReturnType);
            foreach (var parameter in method.GetParameters()) Add(found, parameter.ParameterType);
            ReadBody(found, type, method);
        }

        return found;
    }

    private static void ReadBody(HashSet<Type> found, Type type, MethodBase method)
    {
        MethodBody? body;
        try
        {
            body = method.GetMethodBody();
        }
        catch (InvalidOperationException)
        {
            // Abstract, extern or runtime-implemented members have no body to read; their signature was read already.
            return;
        }

        if (body is null) return;
        foreach (var local in body.LocalVariables) Add(found, local.LocalType);
        var il = body.GetILAsByteArray();
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
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    AddMember(found, method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments);
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

    private static void AddMember(HashSet<Type> found, Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            // A token into another assembly's generic context that cannot be resolved here names no Pacer.Core type.
            return;
        }

        switch (member)
        {
            case Type referenced:
                Add(found, referenced);
                break;
            case FieldInfo field:
                Add(found, field.DeclaringType);
                Add(found, field.FieldType);
                break;
            case MethodBase called:
                Add(found, called.DeclaringType);
                if (called is MethodInfo info) Add(found, info.ReturnType);
                foreach (var parameter in called.GetParameters()) Add(found, parameter.ParameterType);
                if (called.IsGenericMethod)
                {
                    foreach (var argument in called.GetGenericArguments()) Add(found, argument);
                }

                break;
        }
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null) return;
        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments()) Add(found, argument);
            type = type.GetGenericTypeDefinition();
        }

        if (type.IsGenericParameter) return;
        found.Add(type);
    }
}
