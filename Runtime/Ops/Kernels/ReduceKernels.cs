using System;

namespace Tandem.Ops.Kernels;

/// <summary>
/// The reduction kernels: per op, element type and layout, written by tools/OpKernelWriter from one definition per op
/// (<c>Generated/ReduceKernels.*.g.cs</c>), and here the work split they share and how a result is finished.
/// </summary>
/// <remarks>
/// <para>
/// A reduction reaches the kernels as outputs <c>(o, i)</c> over a grid of <c>outer × inner</c>, each reducing a run of
/// <c>length</c> elements at <c>offset + o * outerStride + i * innerStride + r * step</c> (see
/// <see cref="Reduction.ReductionGeometry"/>). A group of <see cref="Threads"/> threads serves <c>lanes</c> neighbouring
/// outputs along <c>i</c>, with <c>Threads / lanes</c> threads on each output's run: <c>lanes = 1</c> is a row
/// reduction (every thread on one run, neighbours reading neighbouring elements when <c>step = 1</c>), <c>lanes = 32</c>
/// a column reduction (neighbouring threads on neighbouring outputs, coalesced when <c>innerStride = 1</c>),
/// <c>lanes = Threads</c> one thread per output. A run too long for one group is cut into <c>segments</c> of
/// <c>segmentLength</c>; each group then writes a partial result, <c>partials[output * segments + segment]</c>, and a
/// second pass reduces the partials.
/// </para>
/// <para>
/// Within a segment each thread first accumulates its share, then the group combines the threads' values in a tree in
/// group-shared memory. The share is interleaved on a GPU (thread k reads elements k, k + n, ...: neighbouring
/// threads touch neighbouring memory) and a block on the CPU (<c>blocked</c>: the CPU runs a group's threads one after
/// another, so each should stream through its own stretch of memory). Either way a thread runs at most
/// <c>ceil(segmentLength / (Threads / lanes))</c> iterations, which the host keeps below llvmpipe's loop limit.
/// </para>
/// <para>
/// Every kernel of an op takes the same parameters, whatever it reads: <c>center</c> (one value per run) is read by the
/// ops that transform each element around it (squared and exponentiated deviations) and by the log-sum-exp finish;
/// <c>finish</c> and <c>count</c> shape the last pass's results of floating-point accumulators. On the CPU each
/// thread's accumulating loop is a method of its own, never inlined: inside the large generated body of a group kernel
/// the JIT spilled the accumulators to the stack on every iteration (3x slower); alone, they stay in registers.
/// </para>
/// </remarks>
internal static partial class ReduceKernels
{
    /// <summary>Threads per group.</summary>
    public const int Threads = 256;

    /// <summary>Outputs per group of a column reduction.</summary>
    public const int ColumnLanes = 32;

    /// <summary>Store the accumulated value.</summary>
    public const int FinishNone = 0;

    /// <summary>Store it divided by <c>count</c> (a mean).</summary>
    public const int FinishDivide = 1;

    /// <summary>Store <c>log(value) + center</c>, or the center where it is infinite (a log-sum-exp).</summary>
    public const int FinishLogAddCenter = 2;

    /// <summary>
    /// Where thread <paramref name="thread"/> of group <paramref name="group"/> works: its output (see
    /// <see cref="Output"/>) and its share of the run (see <see cref="Share"/>). False for a thread past the last
    /// output of a partly filled group, which accumulates nothing.
    /// </summary>
    private static bool Locate(int group, int thread, int lanes, int segments, int inner, int length, int segmentLength, bool blocked,
        out int outer, out int innerIndex, out int first, out int stride, out int count)
    {
        bool active = Output(group, thread, lanes, segments, inner, out outer, out innerIndex);
        Share(group, thread, lanes, segments, length, segmentLength, blocked, out first, out stride, out count);
        return active;
    }

    /// <summary>The output's position in the outer and inner grid; false past the last output.</summary>
    private static bool Output(int group, int thread, int lanes, int segments, int inner, out int outer, out int innerIndex)
    {
        int blocks = (inner + lanes - 1) / lanes;
        int rest = group / segments;
        outer = rest / blocks;
        innerIndex = ((rest % blocks) * lanes) + (thread % lanes);
        return innerIndex < inner;
    }

    /// <summary>
    /// The part of the run the thread accumulates: <paramref name="count"/> elements from <paramref name="first"/>,
    /// <paramref name="stride"/> apart, counted along the run.
    /// </summary>
    private static void Share(int group, int thread, int lanes, int segments, int length, int segmentLength, bool blocked,
        out int first, out int stride, out int count)
    {
        int along = Threads / lanes;
        int rank = thread / lanes;
        int perThread = (segmentLength + along - 1) / along;
        int begin = (group % segments) * segmentLength;
        int end = Math.Min(length, begin + segmentLength);
        first = begin + (blocked ? rank * perThread : rank);
        stride = blocked ? 1 : along;
        count = first < end ? Math.Min(perThread, (end - first + stride - 1) / stride) : 0;
    }

    /// <summary>Where output <c>(outer, innerIndex)</c>'s value goes: the result, or its segment's partial.</summary>
    private static int Destination(int outer, int innerIndex, int inner, int segments, int group)
        => (((outer * inner) + innerIndex) * segments) + (group % segments);
}
