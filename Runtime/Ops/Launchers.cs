namespace Tandem.Ops;

// The shapes of the generated launchers the ops call, one per kernel family, so an op can pick the launcher of its
// element type once and call it like any other.

/// <summary>An element-wise kernel of two arrays.</summary>
internal delegate void BinaryLauncher<T>(int extent, Array<T> a, Array<T> b, Array<T> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>An element-wise kernel of an array and a scalar.</summary>
internal delegate void ScalarBinaryLauncher<T>(int extent, T b, Array<T> a, Array<T> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>An element-wise function of one array.</summary>
internal delegate void UnaryLauncher<T>(int extent, Array<T> x, Array<T> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>A random-number kernel with two parameters (low and high, or mean and standard deviation).</summary>
internal delegate void RandomLauncher<T>(int extent, uint key0, uint key1, T first, T second, Array<T> output, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>A matrix product kernel over the (N, M) result grid.</summary>
internal delegate void MatmulLauncher<T>(Index2D extent, int k, int n, Array<T> a, Array<T> b, Array<T> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>The first pass of a sum: one partial sum per chunk.</summary>
internal delegate void SumChunksLauncher<T>(int extent, int chunkSize, Array<T> input, Array<T> partials, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>The second pass of a sum: the partial sums added up.</summary>
internal delegate void SumPartialsLauncher<T>(int extent, Array<T> partials, Array<T> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>A copy between strided layouts given as uniforms (see <see cref="Kernels.CopyKernels"/>).</summary>
internal delegate void StridedCopyLauncher<T>(Index3D extent, int offset, int s0, int s1, int s2, int resultOffset, int r0, int r1, int r2,
    Array<T> source, Array<T> result, StreamOrDevice stream) where T : unmanaged;

/// <summary>A copy between layouts of any rank, given in an array (see <see cref="Kernels.CopyKernels"/>).</summary>
internal delegate void AnyRankCopyLauncher<T>(int extent, Array<int> layout, Array<T> source, Array<T> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>A gather along one axis (see <see cref="Kernels.TakeKernels"/>).</summary>
internal delegate void TakeLauncher<T>(int extent, int inner, int count, int axisLength, int offset, int outerStride, int axisStride,
    int innerStride, Array<int> indices, Array<T> source, Array<T> result, StreamOrDevice stream) where T : unmanaged;
