using Tandem.Ops.Kernels;

namespace Tandem.Ops;

/// <summary>The kernel families behind <see cref="Mx"/>'s ops.</summary>
internal static class OpKernels
{
    public static readonly KernelFamily Add = Binary("Add", BinaryKernels.AddFloat, BinaryKernels.AddDouble, BinaryKernels.AddInt);
    public static readonly KernelFamily Subtract = Binary("Subtract", BinaryKernels.SubtractFloat, BinaryKernels.SubtractDouble, BinaryKernels.SubtractInt);
    public static readonly KernelFamily Multiply = Binary("Multiply", BinaryKernels.MultiplyFloat, BinaryKernels.MultiplyDouble, BinaryKernels.MultiplyInt);
    public static readonly KernelFamily Divide = Binary("Divide", BinaryKernels.DivideFloat, BinaryKernels.DivideDouble, BinaryKernels.DivideInt);
    public static readonly KernelFamily Maximum = Binary("Maximum", BinaryKernels.MaximumFloat, BinaryKernels.MaximumDouble, BinaryKernels.MaximumInt);

    public static readonly KernelFamily AddScalar = Scalar("Add", ScalarBinaryKernels.AddScalarFloat, ScalarBinaryKernels.AddScalarDouble, ScalarBinaryKernels.AddScalarInt);
    public static readonly KernelFamily SubtractScalar = Scalar("Subtract", ScalarBinaryKernels.SubtractScalarFloat, ScalarBinaryKernels.SubtractScalarDouble, ScalarBinaryKernels.SubtractScalarInt);
    public static readonly KernelFamily MultiplyScalar = Scalar("Multiply", ScalarBinaryKernels.MultiplyScalarFloat, ScalarBinaryKernels.MultiplyScalarDouble, ScalarBinaryKernels.MultiplyScalarInt);
    public static readonly KernelFamily DivideScalar = Scalar("Divide", ScalarBinaryKernels.DivideScalarFloat, ScalarBinaryKernels.DivideScalarDouble, ScalarBinaryKernels.DivideScalarInt);
    public static readonly KernelFamily MaximumScalar = Scalar("Maximum", ScalarBinaryKernels.MaximumScalarFloat, ScalarBinaryKernels.MaximumScalarDouble, ScalarBinaryKernels.MaximumScalarInt);

    public static readonly KernelFamily Exp = Unary("Exp", UnaryKernels.ExpFloat, UnaryKernels.ExpDouble);
    public static readonly KernelFamily Log = Unary("Log", UnaryKernels.LogFloat, UnaryKernels.LogDouble);
    public static readonly KernelFamily Sqrt = Unary("Sqrt", UnaryKernels.SqrtFloat, UnaryKernels.SqrtDouble);
    public static readonly KernelFamily Tanh = Unary("Tanh", UnaryKernels.TanhFloat, UnaryKernels.TanhDouble);

    public static readonly KernelFamily Uniform = new("Random.Uniform",
        new RandomLauncher<float>(RandomKernels.UniformFloat), new RandomLauncher<double>(RandomKernels.UniformDouble), null);

    public static readonly KernelFamily Normal = new("Random.Normal",
        new RandomLauncher<float>(RandomKernels.NormalFloat), new RandomLauncher<double>(RandomKernels.NormalDouble), null);

    public static readonly KernelFamily Matmul = new("Matmul",
        new MatmulLauncher<float>(MatmulKernels.MatmulFloat), new MatmulLauncher<double>(MatmulKernels.MatmulDouble), null);

    public static readonly KernelFamily SumChunks = new("Sum",
        new SumChunksLauncher<float>(SumKernels.SumChunksFloat), new SumChunksLauncher<double>(SumKernels.SumChunksDouble),
        new SumChunksLauncher<int>(SumKernels.SumChunksInt));

    public static readonly KernelFamily SumPartials = new("Sum",
        new SumPartialsLauncher<float>(SumKernels.SumPartialsFloat), new SumPartialsLauncher<double>(SumKernels.SumPartialsDouble),
        new SumPartialsLauncher<int>(SumKernels.SumPartialsInt));

    private static KernelFamily Binary(string op, BinaryLauncher<float> f, BinaryLauncher<double> d, BinaryLauncher<int> i) => new(op, f, d, i);

    private static KernelFamily Scalar(string op, ScalarBinaryLauncher<float> f, ScalarBinaryLauncher<double> d, ScalarBinaryLauncher<int> i)
        => new(op, f, d, i);

    private static KernelFamily Unary(string op, UnaryLauncher<float> f, UnaryLauncher<double> d) => new(op, f, d, null);
}
