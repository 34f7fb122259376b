namespace Tandem.Ops;

// The shapes of the generated launchers the ops call, one per kernel family, so an op can pick the launcher of its
// element type once and call it like any other.

/// <summary>An element-wise kernel of two contiguous arrays: <c>result[i] = f(x[i], y[i])</c>.</summary>
internal delegate void BinaryLauncher<T, TResult>(int extent, Array<T> x, Array<T> y, Array<TResult> result, StreamOrDevice stream)
    where T : unmanaged where TResult : unmanaged;

/// <summary>
/// An element-wise kernel of a contiguous array and a scalar: <c>result[i] = f(x[i], s)</c> or <c>f(s, x[i])</c>.
/// </summary>
internal delegate void ScalarBinaryLauncher<T, TResult>(int extent, T s, Array<T> x, Array<TResult> result, StreamOrDevice stream)
    where T : unmanaged where TResult : unmanaged;

/// <summary>
/// An element-wise kernel of two strided operands over a <see cref="StridedGrid"/> (see <see cref="KernelOperand{T}"/>):
/// each operand's offset and strides along the innermost three axes.
/// </summary>
internal delegate void StridedBinaryLauncher<T, TResult>(Index3D extent, int n0, int n1, int offsetX, int x0, int x1, int x2,
    int offsetY, int y0, int y1, int y2, Array<T> x, Array<T> y, Array<TResult> result, StreamOrDevice stream)
    where T : unmanaged where TResult : unmanaged;

/// <summary>
/// The strided kernel of a binary op with a bool result: thread <c>i</c> writes word <c>i</c> of the row-major result
/// (<paramref name="extent"/> words), its elements 4i to 4i + 3 below <paramref name="count"/>, each read from the
/// operands' offsets and strides along a <see cref="StridedGrid"/> of inner sizes <paramref name="n0"/> and
/// <paramref name="n1"/>.
/// </summary>
internal delegate void PackedStridedBinaryLauncher<T>(int extent, int count, int n0, int n1, int offsetX, int x0, int x1, int x2,
    int offsetY, int y0, int y1, int y2, Array<T> x, Array<T> y, Array<uint> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>
/// A strided kernel of a binary op with a bool result where the innermost axis of a <see cref="StridedGrid"/> is a
/// multiple of 4 long and each operand's stride along it is 1 or 0 (which of them: the kernel): thread
/// <c>(X, Y, Z)</c> writes word X of row <c>(Z, Y)</c> (<paramref name="words"/> per row, <paramref name="n1"/> rows
/// along Y), each operand's row found from its offset and two outer strides.
/// </summary>
internal delegate void PackedRowsBinaryLauncher<T>(Index3D extent, int words, int n1, int offsetX, int x1, int x2,
    int offsetY, int y1, int y2, Array<T> x, Array<T> y, Array<uint> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>An element-wise function of one contiguous array: <c>result[i] = f(x[i])</c>.</summary>
internal delegate void UnaryLauncher<T, TResult>(int extent, Array<T> x, Array<TResult> result, StreamOrDevice stream)
    where T : unmanaged where TResult : unmanaged;

/// <summary>A tiled matrix product kernel (see <c>GemmKernels</c>): one group per tile of C, one grid layer per product of the batch.</summary>
internal delegate void GemmLauncher<T>(Index3D extent, int m, int n, int k,
    int aOffset, int aRowStride, int aColumnStride, int aBatchStride,
    int bOffset, int bRowStride, int bColumnStride, int bBatchStride,
    int cOffset, int cRowStride, int cColumnStride, int cBatchStride,
    T alpha, T beta, Array<T> a, Array<T> b, Array<T> c, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>A copy between strided layouts given as uniforms (see <see cref="Kernels.CopyKernels"/>).</summary>
internal delegate void StridedCopyLauncher<T>(Index3D extent, int offset, int s0, int s1, int s2, int resultOffset, int r0, int r1, int r2,
    Array<T> source, Array<T> result, StreamOrDevice stream) where T : unmanaged;

/// <summary>A copy between strided layouts whose innermost axis has unit strides (see <see cref="Kernels.CopyKernels"/>).</summary>
internal delegate void RowsCopyLauncher<T>(Index3D extent, int offset, int s1, int s2, int resultOffset, int r1, int r2,
    Array<T> source, Array<T> result, StreamOrDevice stream) where T : unmanaged;

/// <summary>A copy between layouts of any rank, given in an array (see <see cref="Kernels.CopyKernels"/>).</summary>
internal delegate void AnyRankCopyLauncher<T>(int extent, Array<int> layout, Array<T> source, Array<T> result, StreamOrDevice stream)
    where T : unmanaged;

/// <summary>A gather along one axis (see <see cref="Kernels.TakeKernels"/>).</summary>
internal delegate void TakeLauncher<T>(int extent, int inner, int count, int axisLength, int offset, int outerStride, int axisStride,
    int innerStride, Array<int> indices, Array<T> source, Array<T> result, StreamOrDevice stream) where T : unmanaged;

/// <summary>
/// A selection of contiguous operands, one thread per word of the condition (<paramref name="extent"/> words): word
/// <c>offsetC + i</c> of the 32-bit words holding a bool array's bytes picks <c>result[4i + k] = byte k != 0 ? x[4i + k]
/// : y[4i + k]</c>.
/// </summary>
internal delegate void SelectLauncher<T>(int extent, int offsetC, Array<uint> condition, Array<T> x, Array<T> y, Array<T> result,
    StreamOrDevice stream) where T : unmanaged;

/// <summary>A selection as <see cref="SelectLauncher{T}"/> between a contiguous array and the scalar <c>s</c> (on either side).</summary>
internal delegate void ScalarSelectLauncher<T>(int extent, int offsetC, T s, Array<uint> condition, Array<T> x, Array<T> result,
    StreamOrDevice stream) where T : unmanaged;

/// <summary>A selection of three strided operands over a <see cref="StridedGrid"/>; the condition's offset and strides count bytes.</summary>
internal delegate void StridedSelectLauncher<T>(Index3D extent, int n0, int n1, int offsetC, int c0, int c1, int c2,
    int offsetX, int x0, int x1, int x2, int offsetY, int y0, int y1, int y2,
    Array<uint> condition, Array<T> x, Array<T> y, Array<T> result, StreamOrDevice stream) where T : unmanaged;

/// <summary>
/// An op of bool arrays on whole words, four elements per thread: words <c>offsetX + i</c> and <c>offsetY + i</c> of
/// the operands give word <c>i</c> of the result (see <c>LogicalAndKernels.Words</c>).
/// </summary>
internal delegate void BoolWordsLauncher(int extent, int offsetX, int offsetY, Array<uint> x, Array<uint> y, Array<uint> result,
    StreamOrDevice stream);

/// <summary>A unary op of a bool array on whole words, as <see cref="BoolWordsLauncher"/>.</summary>
internal delegate void UnaryBoolWordsLauncher(int extent, int offsetX, Array<uint> x, Array<uint> result, StreamOrDevice stream);
