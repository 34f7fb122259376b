using System;
using Tandem.Memory;
using Tandem.Ops;

namespace Tandem;

public static partial class Mx
{
    // Elements each thread of the first pass adds up: enough work per thread to hide the launch, few enough partial
    // sums for the single-threaded second pass.
    private const int SumChunkSize = 4096;

    /// <summary>The sum of all elements, as a scalar (shape <c>[]</c>) array (float32, float64, int32).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="stream">Where the op runs.</param>
    /// <returns>A new scalar array; 0 for an empty input.</returns>
    /// <remarks>Float sums add in chunks, then the chunk sums: the rounding differs from a left-to-right loop.</remarks>
    public static Array<T> Sum<T>(Array<T> x, StreamOrDevice stream = default) where T : unmanaged
    {
        SumChunksLauncher<T> sumChunks = OpKernels.SumChunks.For<T, SumChunksLauncher<T>>();
        SumPartialsLauncher<T> sumPartials = OpKernels.SumPartials.For<T, SumPartialsLauncher<T>>();
        OpArguments.RequireUsable(x, "Sum", nameof(x));
        int chunks = (int)(((long)x.Length + SumChunkSize - 1) / SumChunkSize);
        var result = new Array<T>(ReadOnlySpan<int>.Empty, BufferContents.Undefined);

        // Disposing the partial sums at once is safe: their memory lives until the second pass read them.
        using var partials = new Array<T>([chunks], BufferContents.Undefined);
        try
        {
            sumChunks(chunks, SumChunkSize, x, partials, stream);
            sumPartials(1, partials, result, stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}
