using System;

namespace Tandem.Ops.Reduction;

/// <summary>A value of the element types reductions take, from a double (the empty reductions' identities).</summary>
internal static class ElementValue
{
    /// <summary><paramref name="value"/> as <typeparamref name="T"/> (NaN and infinities only for floating-point types).</summary>
    public static T Of<T>(double value) where T : unmanaged
    {
        object converted = typeof(T) == typeof(float) ? (object)(float)value
            : typeof(T) == typeof(double) ? (object)value
            : typeof(T) == typeof(Half) ? (object)(Half)value
            : typeof(T) == typeof(int) ? (object)(int)value
            : typeof(T) == typeof(uint) ? (object)(uint)value
            : typeof(T) == typeof(long) ? (object)(long)value
            : throw new NotSupportedException($"No {ArrayFormatter.DtypeName(typeof(T))} value for {value}.");
        return (T)converted;
    }
}
