using System.Reflection;

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
        if (IlMembers.BodyOf(method) is not { } body) return;
        foreach (var local in body.LocalVariables) Add(found, local.LocalType);
        foreach (var member in IlMembers.Of(type, method))
        {
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
