using System;
using System.Linq;
using System.Reflection;

namespace Tandem.Runtime.Tests.ShapeOps;

/// <summary>
/// The element types the shape ops are tested with, and conversions from and to the double references. Values in the
/// tests are small integers, exact in every type.
/// </summary>
internal static class ElementTypes
{
    /// <summary>Every element type whose width the copy kernels cover (2, 4 and 8 bytes).</summary>
    public static readonly Type[] All = [typeof(float), typeof(double), typeof(Half), typeof(int), typeof(uint), typeof(long)];

    public static T From<T>(double value) where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(float) => (T)(object)(float)value,
        var t when t == typeof(double) => (T)(object)value,
        var t when t == typeof(Half) => (T)(object)(Half)value,
        var t when t == typeof(int) => (T)(object)(int)value,
        var t when t == typeof(uint) => (T)(object)(uint)value,
        var t when t == typeof(long) => (T)(object)(long)value,
        _ => throw new NotSupportedException(typeof(T).Name),
    };

    public static double To<T>(T value) where T : unmanaged => value switch
    {
        float f => f,
        double d => d,
        Half h => (double)h,
        int i => i,
        uint u => u,
        long l => l,
        _ => throw new NotSupportedException(typeof(T).Name),
    };

    public static Array<T> Make<T>(double[] values, int[] shape) where T : unmanaged => Mx.Array(values.Select(From<T>).ToArray(), shape);

    public static double[] Read<T>(Array<T> array) where T : unmanaged => array.ToArray().Select(To<T>).ToArray();

    /// <summary>Calls the generic test method <paramref name="name"/> of <paramref name="owner"/> for <paramref name="type"/>.</summary>
    public static void Invoke(Type owner, string name, Type type, params object[] arguments)
    {
        MethodInfo method = owner.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(owner.Name, name);
        try
        {
            method.MakeGenericMethod(type).Invoke(null, arguments);
        }
        catch (TargetInvocationException failure) when (failure.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure.InnerException);
        }
    }
}
