using System;
using System.Runtime.CompilerServices;
using Tandem.Memory;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>
/// New arrays filled with a constant or the identity, for every element type, by element width (see
/// <see cref="FillKernels"/>): the kernel sees the value's bits, so any type of that width works.
/// </summary>
internal static class Fill
{
    /// <summary>A new array of <paramref name="shape"/> with every element <paramref name="value"/>.</summary>
    public static Array<T> Full<T>(ReadOnlySpan<int> shape, T value, StreamOrDevice stream, string op) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 1)
        {
            (Array<T> packed, Array<uint> words) = Padded.Bytes<T>(shape);
            using (words)
            {
                return Launched(packed, () => FillKernels.Fill32(words.Length, RepeatByte(Unsafe.As<T, byte>(ref value)), words, stream));
            }
        }

        RequireWidth<T>(op);
        var result = new Array<T>(shape, BufferContents.Undefined);
        return Launched(result, () =>
        {
            switch (Unsafe.SizeOf<T>())
            {
                case 2:
                    using (Array<Half> bits = result.Reinterpret<Half>())
                    {
                        FillKernels.Fill16(bits.Length, Unsafe.As<T, Half>(ref value), bits, stream);
                    }

                    break;
                case 4:
                    using (Array<uint> bits = result.Reinterpret<uint>())
                    {
                        FillKernels.Fill32(bits.Length, Unsafe.As<T, uint>(ref value), bits, stream);
                    }

                    break;
                default:
                    using (Array<ulong> bits = result.Reinterpret<ulong>())
                    {
                        FillKernels.Fill64(bits.Length, Unsafe.As<T, ulong>(ref value), bits, stream);
                    }

                    break;
            }
        });
    }

    /// <summary>
    /// A new (<paramref name="rows"/>, <paramref name="columns"/>) array with <paramref name="one"/> on diagonal
    /// <paramref name="diagonal"/> (0 the main one, positive above it) and zeros elsewhere.
    /// </summary>
    public static Array<T> Eye<T>(int rows, int columns, int diagonal, T one, StreamOrDevice stream) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 1)
        {
            int width = Math.Max(columns, 1);
            (Array<T> packed, Array<uint> words) = Padded.Bytes<T>([rows, columns]);
            using (words)
            {
                return Launched(packed, () => FillKernels.Eye8(words.Length, width, diagonal, Unsafe.As<T, byte>(ref one), words, stream));
            }
        }

        RequireWidth<T>("Eye");
        var result = new Array<T>([rows, columns], BufferContents.Undefined);
        return Launched(result, () =>
        {
            switch (Unsafe.SizeOf<T>())
            {
                case 2:
                    using (Array<Half> bits = result.Reinterpret<Half>())
                    {
                        FillKernels.Eye16(new Index2D(columns, rows), columns, diagonal, Unsafe.As<T, Half>(ref one), bits, stream);
                    }

                    break;
                case 4:
                    using (Array<uint> bits = result.Reinterpret<uint>())
                    {
                        FillKernels.Eye32(new Index2D(columns, rows), columns, diagonal, Unsafe.As<T, uint>(ref one), bits, stream);
                    }

                    break;
                default:
                    using (Array<ulong> bits = result.Reinterpret<ulong>())
                    {
                        FillKernels.Eye64(new Index2D(columns, rows), columns, diagonal, Unsafe.As<T, ulong>(ref one), bits, stream);
                    }

                    break;
            }
        });
    }

    /// <summary>The values <c>start + i * step</c> below <paramref name="stop"/> (above, for a negative step): see <c>Mx.Arange</c>.</summary>
    public static Array<T> Arange<T>(T start, T stop, T step, StreamOrDevice stream) where T : unmanaged
    {
        double first = ToDouble(start, "Arange");
        double distance = ToDouble(step, "Arange");
        if (distance == 0 || !double.IsFinite(distance))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "Mx.Arange: the step must be a finite non-zero number.");
        }

        double count = Math.Ceiling((ToDouble(stop, "Arange") - first) / distance);
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(stop), stop, $"Mx.Arange: more than {Array.MaxLength} values.");
        }

        int[] shape = [count > 0 ? (int)count : 0];
        if (typeof(T) == typeof(byte))
        {
            (Array<T> packed, Array<uint> words) = Padded.Bytes<T>(shape);
            using (words)
            {
                return Launched(packed, () => FillKernels.Arange8(words.Length, (byte)(object)start, (byte)(object)step, words, stream));
            }
        }

        var result = new Array<T>(shape, BufferContents.Undefined);
        return Launched(result, () =>
        {
            int n = result.Length;
            switch (result)
            {
                case Array<float> f:
                    FillKernels.ArangeFloat(n, (float)first, (float)distance, Unfused.One, f, stream);
                    break;
                case Array<double> d:
                    FillKernels.ArangeDouble(n, first, distance, Unfused.One, d, stream);
                    break;
                case Array<Half> h:
                    FillKernels.ArangeHalf(n, (float)first, (float)distance, Unfused.One, h, stream);
                    break;
                case Array<int> i:
                    FillKernels.ArangeInt(n, (int)(object)start, (int)(object)step, i, stream);
                    break;
                case Array<uint> u:
                    FillKernels.ArangeUInt(n, (uint)(object)start, (uint)(object)step, u, stream);
                    break;
                case Array<long> l:
                    FillKernels.ArangeLong(n, (long)(object)start, (long)(object)step, l, stream);
                    break;
                default:
                    throw new NotSupportedException($"Mx.Arange does not support {ArrayFormatter.DtypeName(typeof(T))} arrays.");
            }
        });
    }

    /// <summary><paramref name="count"/> values from <paramref name="start"/> by <paramref name="step"/>, exactly <paramref name="stop"/> last.</summary>
    public static Array<float> Linspace(float start, float step, float stop, int count, StreamOrDevice stream)
    {
        var result = new Array<float>([count], BufferContents.Undefined);
        return Launched(result, () => FillKernels.LinspaceFloat(count, LastIndex(count), start, step, stop, Unfused.One, result, stream));
    }

    /// <inheritdoc cref="Linspace(float, float, float, int, StreamOrDevice)"/>
    public static Array<double> Linspace(double start, double step, double stop, int count, StreamOrDevice stream)
    {
        var result = new Array<double>([count], BufferContents.Undefined);
        return Launched(result, () => FillKernels.LinspaceDouble(count, LastIndex(count), start, step, stop, Unfused.One, result, stream));
    }

    /// <summary>
    /// Queues <paramref name="launch"/>, which writes every element of <paramref name="result"/>, unless the result is
    /// empty; returns the result, or disposes it when the launch throws.
    /// </summary>
    public static Array<T> Launched<T>(Array<T> result, Action launch) where T : unmanaged
    {
        try
        {
            if (result.Length > 0)
            {
                launch();
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="value"/> in all four bytes of a word.</summary>
    private static uint RepeatByte(byte value) => value * 0x01010101u;

    /// <summary>The index that gets exactly <c>stop</c>: the last, unless there is only <c>start</c>.</summary>
    private static int LastIndex(int count) => count > 1 ? count - 1 : -1;

    private static double ToDouble<T>(T value, string op) where T : unmanaged => value switch
    {
        float f => f,
        double d => d,
        Half h => (double)h,
        int i => i,
        uint u => u,
        long l => l,
        byte b => b,
        _ => throw new NotSupportedException(
            $"Mx.{op} does not support {ArrayFormatter.DtypeName(typeof(T))}; it supports float32, float64, float16, int32, uint32, int64 and uint8."),
    };

    private static void RequireWidth<T>(string op) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() is not (2 or 4 or 8))
        {
            throw new NotSupportedException(
                $"Mx.{op} does not support {ArrayFormatter.DtypeName(typeof(T))} arrays; it supports element types of 1, 2, 4 and 8 bytes.");
        }
    }
}
