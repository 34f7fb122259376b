using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>
/// <see cref="Philox"/> in SIMD lanes: <c>Vector&lt;uint&gt;.Count</c> consecutive blocks at once (eight with AVX2,
/// four with SSE or Arm's 128-bit SIMD), lane <c>i</c> holding block <c>first + i</c>, each word exactly what
/// <see cref="Philox.Block"/> gives. The 32 x 32 -> 64-bit products run on the even lanes of 64-bit pairs
/// (<c>pmuludq</c>), twice per word vector; where the machine has no such instruction for the width, on 64-bit
/// lanes masked to 32 bits, which is just as exact.
/// </summary>
internal static class PhiloxLanes
{
    /// <summary>True when the lanes are SIMD on this machine; otherwise the kernels' scalar loop is faster.</summary>
    public static bool IsAccelerated => Vector.IsHardwareAccelerated;

    /// <summary>The four words of blocks <paramref name="first"/> … <paramref name="first"/> + <c>Vector&lt;uint&gt;.Count</c> - 1 (counters (block, 0, 0, 0)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Blocks(uint first, uint k0, uint k1, out Vector<uint> r0, out Vector<uint> r1, out Vector<uint> r2, out Vector<uint> r3)
    {
        Vector<uint> c0 = new Vector<uint>(first) + Vector<uint>.Indices;
        Vector<uint> c1 = Vector<uint>.Zero;
        Vector<uint> c2 = Vector<uint>.Zero;
        Vector<uint> c3 = Vector<uint>.Zero;
        for (int round = 0; round < 10; round++)
        {
            (Vector<uint> high0, Vector<uint> low0) = MultiplyWide(c0, Philox.Multiplier0);
            (Vector<uint> high1, Vector<uint> low1) = MultiplyWide(c2, Philox.Multiplier1);
            Vector<uint> next0 = high1 ^ c1 ^ new Vector<uint>(k0);
            Vector<uint> next2 = high0 ^ c3 ^ new Vector<uint>(k1);
            c1 = low1;
            c3 = low0;
            c0 = next0;
            c2 = next2;
            k0 += Philox.Weyl0;
            k1 += Philox.Weyl1;
        }

        r0 = c0;
        r1 = c1;
        r2 = c2;
        r3 = c3;
    }

    /// <summary>The high and low words of each lane's 64-bit product with <paramref name="multiplier"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<uint> High, Vector<uint> Low) MultiplyWide(Vector<uint> value, uint multiplier)
    {
        // Little-endian pairs: lane 2i is the low half of 64-bit lane i, lane 2i + 1 its high half.
        Vector<ulong> pairs = Vector.AsVectorUInt64(value);
        Vector<ulong> even = MultiplyLowHalves(pairs, multiplier);
        Vector<ulong> odd = MultiplyLowHalves(Vector.ShiftRightLogical(pairs, 32), multiplier);
        Vector<ulong> high = Vector.ShiftRightLogical(even, 32) | Vector.AndNot(odd, LowHalves);
        Vector<ulong> low = (even & LowHalves) | Vector.ShiftLeft(odd, 32);
        return (Vector.AsVectorUInt32(high), Vector.AsVectorUInt32(low));
    }

    /// <summary>Each 64-bit lane's low 32 bits times <paramref name="multiplier"/>, as 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> MultiplyLowHalves(Vector<ulong> pairs, uint multiplier)
    {
        if (Avx2.IsSupported && Vector<byte>.Count == Vector256<byte>.Count)
        {
            return Avx2.Multiply(pairs.AsVector256().AsUInt32(), Vector256.Create(multiplier)).AsVector();
        }

        if (Sse2.IsSupported && Vector<byte>.Count == Vector128<byte>.Count)
        {
            return Sse2.Multiply(pairs.AsVector128().AsUInt32(), Vector128.Create(multiplier)).AsVector();
        }

        return (pairs & LowHalves) * new Vector<ulong>(multiplier);
    }

    private static Vector<ulong> LowHalves => new(0xFFFF_FFFFUL);
}
