namespace Tandem.Ops.Linalg;

/// <summary>The sizes of a batch of products: <see cref="Batch"/> times an (M, K) by (K, N) product.</summary>
/// <param name="M">Rows of A and C.</param>
/// <param name="N">Columns of B and C.</param>
/// <param name="K">Columns of A, rows of B: the length of each dot product.</param>
/// <param name="Batch">The number of products.</param>
internal readonly record struct GemmShape(int M, int N, int K, int Batch = 1)
{
    /// <summary>Floating-point operations of the whole batch, counting a multiply-add as two.</summary>
    public double Flops => 2.0 * M * N * K * Batch;

    /// <inheritdoc />
    public override string ToString() => Batch == 1 ? $"({M} x {K}) by ({K} x {N})" : $"{Batch} x ({M} x {K}) by ({K} x {N})";
}
