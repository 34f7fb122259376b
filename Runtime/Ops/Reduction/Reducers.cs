using System;
using Tandem.Ops.Kernels;

namespace Tandem.Ops.Reduction;

/// <summary>
/// The reducer of each element type. Half accumulates in float (its partial results, means and sums are float, rounded
/// to Half once at the end); every other type accumulates in itself: integer sums and products wrap, as C# arithmetic
/// does.
/// </summary>
internal static class Reducers
{
    private const string AllTypes = "float32, float64, float16, int32, uint32 and int64";
    private const string FloatTypes = "float32, float64 and float16";

    private static readonly Reducer<float, float> s_float = new(ReduceTables.Float32);

    private static readonly Reducer<double, double> s_double = new(ReduceTables.Float64);

    private static readonly Reducer<Half, float> s_half = new(ReduceTables.Float16, s_float, ConvertFromFloat32Kernels.ToFloat16);

    private static readonly Reducer<int, int> s_int = new(ReduceTables.Int32);

    private static readonly Reducer<uint, uint> s_uint = new(ReduceTables.UInt32);

    private static readonly Reducer<long, long> s_long = new(ReduceTables.Int64);

    /// <summary>The reducer of <typeparamref name="T"/> for <c>Mx.</c><paramref name="op"/>.</summary>
    /// <exception cref="NotSupportedException">
    /// The op does not take <typeparamref name="T"/> (<paramref name="floatingOnly"/>: only floating-point types);
    /// the message lists what it takes.
    /// </exception>
    public static Reducer<T> For<T>(string op, bool floatingOnly = false) where T : unmanaged
    {
        object? reducer = typeof(T) == typeof(float) ? s_float
            : typeof(T) == typeof(double) ? s_double
            : typeof(T) == typeof(Half) ? s_half
            : typeof(T) == typeof(int) ? s_int
            : typeof(T) == typeof(uint) ? s_uint
            : typeof(T) == typeof(long) ? s_long
            : null;
        if (reducer is Reducer<T> found && (found.Floating || !floatingOnly))
        {
            return found;
        }

        throw new NotSupportedException(
            $"Mx.{op} does not support {ArrayFormatter.DtypeName(typeof(T))} arrays; it supports {(floatingOnly ? FloatTypes : AllTypes)}.");
    }
}
