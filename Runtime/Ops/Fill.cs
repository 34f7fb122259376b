using System;
using System.Runtime.CompilerServices;
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
            (Array<T> packed, Array<uint> words) = PackedBytes.Allocate<T>(shape);
            using (words)
            {
                return Launched(packed, () => FillKernels.Fill32(words.Length, PackedBytes.Repeat(Unsafe.As<T, byte>(ref value)), words, stream));
            }
        }

        RequireWidth<T>(op);
        var result = new Array<T>(shape);
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
        int width = Math.Max(columns, 1);
        if (Unsafe.SizeOf<T>() == 1)
        {
            (Array<T> packed, Array<uint> words) = PackedBytes.Allocate<T>([rows, columns]);
            using (words)
            {
                return Launched(packed, () => FillKernels.Eye8(words.Length, width, diagonal, Unsafe.As<T, byte>(ref one), words, stream));
            }
        }

        RequireWidth<T>("Eye");
        var result = new Array<T>([rows, columns]);
        return Launched(result, () =>
        {
            switch (Unsafe.SizeOf<T>())
            {
                case 2:
                    using (Array<Half> bits = result.Reinterpret<Half>())
                    {
                        FillKernels.Eye16(bits.Length, width, diagonal, Unsafe.As<T, Half>(ref one), bits, stream);
                    }

                    break;
                case 4:
                    using (Array<uint> bits = result.Reinterpret<uint>())
                    {
                        FillKernels.Eye32(bits.Length, width, diagonal, Unsafe.As<T, uint>(ref one), bits, stream);
                    }

                    break;
                default:
                    using (Array<ulong> bits = result.Reinterpret<ulong>())
                    {
                        FillKernels.Eye64(bits.Length, width, diagonal, Unsafe.As<T, ulong>(ref one), bits, stream);
                    }

                    break;
            }
        });
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

    private static void RequireWidth<T>(string op) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() is not (2 or 4 or 8))
        {
            throw new NotSupportedException(
                $"Mx.{op} does not support {ArrayFormatter.DtypeName(typeof(T))} arrays; it supports element types of 1, 2, 4 and 8 bytes.");
        }
    }
}
