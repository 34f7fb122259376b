using System;
using System.Globalization;
using System.Text;

namespace Tandem;

/// <summary>Text of arrays in NumPy's style, eliding the middle of long axes.</summary>
internal static class ArrayFormatter
{
    // Like NumPy: arrays above this many elements show only the edges of each axis.
    private const int SummaryThreshold = 1000;
    private const int EdgeItems = 3;

    public static string DtypeName(Type elementType) => Type.GetTypeCode(elementType) switch
    {
        TypeCode.Single => "float32",
        TypeCode.Double => "float64",
        TypeCode.Int32 => "int32",
        TypeCode.UInt32 => "uint32",
        TypeCode.Int64 => "int64",
        TypeCode.UInt64 => "uint64",
        TypeCode.Int16 => "int16",
        TypeCode.UInt16 => "uint16",
        TypeCode.Byte => "uint8",
        TypeCode.SByte => "int8",
        TypeCode.Boolean => "bool",
        _ => elementType == typeof(Half) ? "float16" : elementType.Name,
    };

    /// <summary>The element type as C# spells it (<c>float</c>, <c>Half</c>), for messages about arrays.</summary>
    public static string CSharpName(Type elementType) => Type.GetTypeCode(elementType) switch
    {
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Byte => "byte",
        TypeCode.SByte => "sbyte",
        TypeCode.Boolean => "bool",
        _ => elementType.Name,
    };

    public static string Format<T>(T[] elements, ReadOnlySpan<int> shape) where T : unmanaged
    {
        var text = new StringBuilder("array(");
        bool summarize = elements.Length > SummaryThreshold;
        int[] axes = shape.ToArray();
        AppendAxis(text, elements, axes, 0, 0, summarize, "array(".Length);
        text.Append(", dtype=").Append(DtypeName(typeof(T))).Append(')');
        return text.ToString();
    }

    private static void AppendAxis<T>(StringBuilder text, T[] elements, int[] shape, int axis, int offset, bool summarize,
        int indent) where T : unmanaged
    {
        if (axis == shape.Length)
        {
            text.Append(FormatElement(elements[offset]));
            return;
        }

        int stride = 1;
        for (int later = axis + 1; later < shape.Length; later++)
        {
            stride *= shape[later];
        }

        text.Append('[');
        int count = shape[axis];
        string separator = axis == shape.Length - 1 ? ", " : "," + new string('\n', shape.Length - axis - 1) + new string(' ', indent + axis + 1);
        for (int i = 0; i < count; i++)
        {
            if (summarize && count > 2 * EdgeItems && i == EdgeItems)
            {
                text.Append("...").Append(separator);
                i = count - EdgeItems;
            }

            AppendAxis(text, elements, shape, axis + 1, offset + i * stride, summarize, indent);
            if (i < count - 1)
            {
                text.Append(separator);
            }
        }

        text.Append(']');
    }

    private static string FormatElement<T>(T value) where T : unmanaged => value switch
    {
        float f => f.ToString("G7", CultureInfo.InvariantCulture),
        double d => d.ToString("G10", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
