using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// Kernels that fill new arrays: constants and the identity by element width (one kernel per 2, 4 and 8 bytes serves
/// every type of that width), ranges per type. Each writes every element of its output.
/// </summary>
/// <remarks>
/// The identity runs over (column, row) so that the CPU's SIMD loop writes along a row (a flat index would divide per
/// element, which has no SIMD form). 1-byte types (byte, bool) are written four elements per 32-bit word (<see cref="Padded"/>). A range's
/// <c>start + i * step</c> rounds the product, then the sum, on every device: see <see cref="Unfused"/>.
/// </remarks>
internal static partial class FillKernels
{
    [Kernel]
    public static void Fill16(int i, Half value, Span<Half> output) => output[i] = value;

    [Kernel]
    public static void Fill32(int i, uint value, Span<uint> output) => output[i] = value;

    [Kernel]
    public static void Fill64(int i, ulong value, Span<ulong> output) => output[i] = value;

    [Kernel]
    public static void Eye16(Index2D id, int columns, int diagonal, Half one, Span<Half> output)
        => output[(id.Y * columns) + id.X] = id.X - id.Y == diagonal ? one : Half.Zero;

    [Kernel]
    public static void Eye32(Index2D id, int columns, int diagonal, uint one, Span<uint> output)
        => output[(id.Y * columns) + id.X] = id.X - id.Y == diagonal ? one : 0u;

    [Kernel]
    public static void Eye64(Index2D id, int columns, int diagonal, ulong one, Span<ulong> output)
        => output[(id.Y * columns) + id.X] = id.X - id.Y == diagonal ? one : 0ul;

    /// <summary>The identity of 1-byte elements: word <paramref name="w"/> holds elements 4w to 4w + 3, low byte first.</summary>
    [Kernel]
    public static void Eye8(int w, int columns, int diagonal, uint one, Span<uint> output)
    {
        uint word = 0;
        for (int b = 0; b < 4; b++)
        {
            int e = (4 * w) + b;
            word |= (e % columns) - (e / columns) == diagonal ? one << (8 * b) : 0u;
        }

        output[w] = word;
    }

    [Kernel]
    public static void ArangeFloat(int i, float start, float step, float one, Span<float> output) => output[i] = start + (i * step * one);

    [Kernel]
    public static void ArangeDouble(int i, double start, double step, double one, Span<double> output) => output[i] = start + (i * step * one);

    [Kernel]
    public static void ArangeHalf(int i, float start, float step, float one, Span<Half> output) => output[i] = (Half)(start + (i * step * one));

    [Kernel]
    public static void ArangeInt(int i, int start, int step, Span<int> output) => output[i] = start + (i * step);

    [Kernel]
    public static void ArangeUInt(int i, uint start, uint step, Span<uint> output) => output[i] = start + ((uint)i * step);

    [Kernel]
    public static void ArangeLong(int i, long start, long step, Span<long> output) => output[i] = start + (i * step);

    /// <summary>A range of bytes, four per word: each element is <c>start + i * step</c> modulo 256.</summary>
    [Kernel]
    public static void Arange8(int w, int start, int step, Span<uint> output)
    {
        uint word = 0;
        for (int b = 0; b < 4; b++)
        {
            word |= (uint)((start + (((4 * w) + b) * step)) & 255) << (8 * b);
        }

        output[w] = word;
    }

    /// <summary><c>start + i * step</c>, and exactly <paramref name="stop"/> at <paramref name="last"/>, as NumPy's linspace.</summary>
    [Kernel]
    public static void LinspaceFloat(int i, int last, float start, float step, float stop, float one, Span<float> output)
        => output[i] = i == last ? stop : start + (i * step * one);

    [Kernel]
    public static void LinspaceDouble(int i, int last, double start, double step, double stop, double one, Span<double> output)
        => output[i] = i == last ? stop : start + (i * step * one);
}
