using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Stand-ins for the unchecked memory operations of the generated SIMD loop, swapped in by the differential test
/// (<see cref="SimdDifferentialTests.Instrument"/>): each load and store is checked against the spans the loop took
/// its references from before it touches memory, so an out-of-range access is reported instead of made.
/// </summary>
public static class SimdProbe
{
    private static readonly List<(nint Start, nint End)> Ranges = [];
    private static readonly List<string> ViolationList = [];
    private static int s_vectorAccesses;

    /// <summary>Vector loads, stores and broadcast reads since <see cref="Reset"/>.</summary>
    public static int VectorAccesses => Volatile.Read(ref s_vectorAccesses);

    public static IReadOnlyList<string> Violations
    {
        get
        {
            lock (Ranges)
            {
                return ViolationList.ToArray();
            }
        }
    }

    public static void Reset()
    {
        lock (Ranges)
        {
            Ranges.Clear();
            ViolationList.Clear();
        }

        Volatile.Write(ref s_vectorAccesses, 0);
    }

    public static ref T Track<T>(Span<T> span)
        where T : unmanaged => ref Track((ReadOnlySpan<T>)span);

    public static ref T Track<T>(ReadOnlySpan<T> span)
        where T : unmanaged
    {
        ref var start = ref MemoryMarshal.GetReference(span);
        var address = Address(ref start);
        lock (Ranges)
        {
            Ranges.Add((address, address + (span.Length * Unsafe.SizeOf<T>())));
        }

        return ref start;
    }

    public static Vector512<T> Load512<T>(ref T start, nuint offset)
        where T : unmanaged
    {
        Check(ref start, offset, Vector512<T>.Count);
        return Vector512.LoadUnsafe(ref start, offset);
    }

    public static Vector256<T> Load256<T>(ref T start, nuint offset)
        where T : unmanaged
    {
        Check(ref start, offset, Vector256<T>.Count);
        return Vector256.LoadUnsafe(ref start, offset);
    }

    public static Vector128<T> Load128<T>(ref T start, nuint offset)
        where T : unmanaged
    {
        Check(ref start, offset, Vector128<T>.Count);
        return Vector128.LoadUnsafe(ref start, offset);
    }

    public static void Store512<T>(Vector512<T> value, ref T start, nuint offset)
        where T : unmanaged
    {
        Check(ref start, offset, Vector512<T>.Count);
        Vector512.StoreUnsafe(value, ref start, offset);
    }

    public static void Store256<T>(Vector256<T> value, ref T start, nuint offset)
        where T : unmanaged
    {
        Check(ref start, offset, Vector256<T>.Count);
        Vector256.StoreUnsafe(value, ref start, offset);
    }

    public static void Store128<T>(Vector128<T> value, ref T start, nuint offset)
        where T : unmanaged
    {
        Check(ref start, offset, Vector128<T>.Count);
        Vector128.StoreUnsafe(value, ref start, offset);
    }

    public static ref T Element<T>(ref T start, nint offset)
        where T : unmanaged
    {
        Check(ref start, (nuint)offset, 1);
        return ref Unsafe.Add(ref start, offset);
    }

    /// <summary>The address of a reference, without pinning: the arrays live in native memory, which does not move.</summary>
    private static nint Address<T>(ref T reference)
        where T : unmanaged => Unsafe.ByteOffset(ref Unsafe.NullRef<T>(), ref reference);

    private static void Check<T>(ref T start, nuint offset, int count)
        where T : unmanaged
    {
        Interlocked.Increment(ref s_vectorAccesses);
        // The generated loop always passes the reference it took from a span: check against that span only, so a
        // read past one array's end that happens to land in another array is still caught.
        var origin = Address(ref start);
        var end = (long)offset + count;
        lock (Ranges)
        {
            foreach (var (rangeStart, rangeEnd) in Ranges)
            {
                if (rangeStart == origin && offset <= int.MaxValue && end * Unsafe.SizeOf<T>() <= rangeEnd - rangeStart)
                {
                    return;
                }
            }

            var message = $"{count} element(s) at offset {offset} are outside every span the loop tracked";
            ViolationList.Add(message);
            throw new InvalidOperationException("SimdProbe: " + message);
        }
    }
}
