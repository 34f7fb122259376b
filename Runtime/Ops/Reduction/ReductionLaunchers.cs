using System.Numerics;

namespace Tandem.Ops.Reduction;

// The shapes of the reduction kernels' generated launchers (see Kernels/ReduceKernels.cs for the parameters); one
// launcher of each shape per op (Generated/ReduceTables.g.cs).

/// <summary>A reduction of runs of <typeparamref name="TIn"/> accumulated in <typeparamref name="TAcc"/>.</summary>
internal delegate void ReduceLauncher<TIn, TAcc>(int extent, int finish, int count, int lanes, int segments, int inner,
    int outerStride, int innerStride, int step, int offset, int length, int segmentLength, bool blocked,
    Array<TIn> x, Array<TAcc> center, Array<TAcc> output, StreamOrDevice stream) where TIn : unmanaged where TAcc : unmanaged;

/// <summary>The first extreme element of each run and its index.</summary>
internal delegate void ArgReduceLauncher<TIn, TAcc>(int extent, bool minimum, int lanes, int segments, int inner, int outerStride,
    int innerStride, int step, int offset, int length, int segmentLength, bool blocked, bool indexed,
    Array<TIn> x, Array<int> xIndices, Array<TAcc> values, Array<int> indices, StreamOrDevice stream)
    where TIn : unmanaged where TAcc : unmanaged;

/// <summary>A float reduction of contiguous runs, four elements per load.</summary>
internal delegate void ReduceRows4Launcher(int extent, int finish, int count, int lanes, int segments, int inner, int outerStride,
    int innerStride, int offset, int length, int segmentLength, bool blocked,
    Array<Vector4> x4, Array<float> x, Array<float> center, Array<float> output, StreamOrDevice stream);

/// <summary>A float reduction of columns, four neighbouring columns per load.</summary>
internal delegate void ReduceColumns4Launcher(int extent, int finish, int count, int segments, int inner, int outerStride,
    int step, int offset, int length, int segmentLength, bool blocked,
    Array<Vector4> x4, Array<float> center, Array<float> output, StreamOrDevice stream);

/// <summary>An element-wise conversion (the accumulator type back to the element type).</summary>
internal delegate void ConvertLauncher<TFrom, TTo>(int extent, Array<TFrom> x, Array<TTo> result, StreamOrDevice stream)
    where TFrom : unmanaged where TTo : unmanaged;

/// <summary>A block-sums kernel of <see cref="Kernels.ScanKernels"/>: each block's total.</summary>
internal delegate void BlockSumsLauncher<T, TAcc>(int extent, int length, int inner, int block, Array<T> x, Array<TAcc> sums, StreamOrDevice stream)
    where T : unmanaged where TAcc : unmanaged;

/// <summary>A scan kernel of <see cref="Kernels.ScanKernels"/>: each block's running results from the totals before it.</summary>
internal delegate void ScanLauncher<T, TAcc>(int extent, int length, int inner, int block, Array<T> x, Array<TAcc> scanned, Array<T> result,
    StreamOrDevice stream) where T : unmanaged where TAcc : unmanaged;

/// <summary>The two kernels of a <c>CumSum</c> of <typeparamref name="T"/>, whose block totals are <typeparamref name="TAcc"/>.</summary>
internal sealed record ScanKernelPair<T, TAcc>(BlockSumsLauncher<T, TAcc> BlockSums, ScanLauncher<T, TAcc> Scan)
    where T : unmanaged where TAcc : unmanaged;

/// <summary>The last step of a softmax: <c>exp(x - max) / sum</c>, with the run's max and sum.</summary>
internal delegate void SoftmaxLauncher<T, TAcc>(int extent, int length, int inner, Array<T> x, Array<TAcc> max, Array<TAcc> sum,
    Array<T> result, StreamOrDevice stream) where T : unmanaged where TAcc : unmanaged;
