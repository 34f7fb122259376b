using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;

namespace Tandem.Runtime.Tests.Architecture;

/// <summary>
/// The types a compiled type uses: its base type and interfaces, its fields, its methods' signatures and locals, and
/// every type, method and field its IL names. What a type imports, as built (generated code included).
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic
        | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<short, OpCode> s_opCodes = LoadOpCodes();

    /// <summary>Every type <paramref name="type"/> refers to, with the member where it does (for messages).</summary>
    public static IEnumerable<(Type Used, string Where)> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = new List<(Type, string)>();
        void Add(Type? used, string where) => Expand(used, t => found.Add((t, where)));

        Add(type.BaseType, "base type");
        foreach (Type contract in type.GetInterfaces())
        {
            Add(contract, "interface");
        }

        foreach (FieldInfo field in type.GetFields(Declared))
        {
            Add(field.FieldType, field.Name);
        }

        foreach (MethodBase method in Methods(type))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType, method.Name);
            }

            foreach (ParameterInfo parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, method.Name);
            }

            MethodBody? body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (LocalVariableInfo local in body.LocalVariables)
            {
                Add(local.LocalType, method.Name);
            }

            foreach (MemberInfo member in MembersNamedBy(method, body))
            {
                Add(member as Type ?? member.DeclaringType, method.Name);
            }
        }

        return found;
    }

    private static IEnumerable<MethodBase> Methods(Type type)
    {
        foreach (MethodInfo method in type.GetMethods(Declared))
        {
            yield return method;
        }

        foreach (ConstructorInfo constructor in type.GetConstructors(Declared))
        {
            yield return constructor;
        }

        if (type.TypeInitializer is { } initializer)
        {
            yield return initializer;
        }
    }

    /// <summary>Calls <paramref name="use"/> for <paramref name="type"/> and the types it is built from.</summary>
    private static void Expand(Type? type, Action<Type> use)
    {
        while (type is not null && (type.HasElementType))
        {
            type = type.GetElementType();
        }

        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            use(type.GetGenericTypeDefinition());
            foreach (Type argument in type.GetGenericArguments())
            {
                Expand(argument, use);
            }

            return;
        }

        use(type);
    }

    /// <summary>The types, methods and fields the IL of <paramref name="method"/> names.</summary>
    private static IEnumerable<MemberInfo> MembersNamedBy(MethodBase method, MethodBody body)
    {
        byte[]? il = body.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        Module module = method.Module;
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        Type[]? methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        int position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            OpCode code = s_opCodes[value];
            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, position);
                    MemberInfo? member = null;
                    try
                    {
                        member = module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        // A member of a generic context this walk cannot supply: its declaring type is seen elsewhere.
                    }

                    if (member is not null)
                    {
                        yield return member;
                    }

                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                default:
                    position += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static Dictionary<short, OpCode> LoadOpCodes()
    {
        var codes = new Dictionary<short, OpCode>();
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode code)
            {
                codes[code.Value] = code;
            }
        }

        return codes;
    }
}
