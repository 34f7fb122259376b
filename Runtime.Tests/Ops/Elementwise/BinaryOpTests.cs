using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// Every binary arithmetic op, every numeric element type (byte wrapping around as C#'s unchecked conversion does), on both devices, against a reference computed in double:
/// broadcasting edge cases, operands of every layout (contiguous, transposed, sliced, off the GPU's alignment), and a
/// scalar on either side. + - * max min are exact; quotients and powers are within <see cref="UlpBounds"/>.
/// </summary>
public sealed class BinaryOpTests
{
    public static readonly string[] Ops = ["Add", "Subtract", "Multiply", "Divide", "Power", "Maximum", "Minimum"];

    public static TheoryData<string, string> DevicesAndOps() => TestDevices.With(Ops);

    [Theory]
    [MemberData(nameof(DevicesAndOps))]
    public void Every_type_matches_the_reference(string device, string op)
    {
        Check<float>(device, op);
        Check<double>(device, op);
        Check<Half>(device, op);
        Check<int>(device, op);
        Check<uint>(device, op);
        Check<long>(device, op);
        Check<byte>(device, op);
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Long_contiguous_arrays_take_the_vector_path_and_match(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(7);
        foreach (string op in Ops)
        {
            (Array<float> a, ReferenceArray x) = Operands.Make<float>([70_001], OperandLayout.Contiguous, Left<float>(op, random));
            (Array<float> b, ReferenceArray y) = Operands.Make<float>([70_001], OperandLayout.Contiguous, Right<float>(op, random));
            using (a)
            using (b)
            using (Array<float> result = Call(op, a, b, stream))
            {
                ElementValues.AssertClose(Reference<float>(op, x.Data, y.Data), result.ToArray(), Ulps<float>(op, device), unitScale: false, op);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_broadcast_grid_past_the_devices_group_count_runs_whole(string device)
    {
        // (600,000, 3) + (3): two axes that do not merge; 600,000 rows are 75,000 groups of 8 rows, more than the
        // 65,535 every Vulkan device allows along Y, so the GPU runs the strided kernel as several dispatches.
        const int rows = 600_000;
        using Array<float> matrix = Mx.Arange(0f, rows * 3f, 1f).Reshape(rows, 3);
        using Array<float> row = Mx.Array(new[] { 0.5f, 0.25f, 0.125f });
        using Array<float> sum = Mx.Add(matrix, row, TestDevices.Resolve(device));

        float[] values = sum.ToArray();
        float[] offsets = [0.5f, 0.25f, 0.125f];
        Assert.All(Enumerable.Range(0, rows * 3), i => Assert.Equal(i + offsets[i % 3], values[i]));
    }

    [Fact]
    public void Shapes_that_do_not_broadcast_throw_naming_the_op_and_both_shapes()
    {
        using Array<float> a = Mx.Zeros([2, 3]);
        using Array<float> b = Mx.Zeros([4, 3, 2]);
        foreach (string op in Ops)
        {
            var failure = Assert.Throws<ArgumentException>(() => Call(op, a, b, Mx.Cpu));
            Assert.Contains($"Mx.{op}", failure.Message, StringComparison.Ordinal);
            Assert.Contains("[2, 3]", failure.Message, StringComparison.Ordinal);
            Assert.Contains("[4, 3, 2]", failure.Message, StringComparison.Ordinal);
        }
    }

    private static void Check<T>(string device, string op) where T : unmanaged, INumber<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(op.Length * 31);
        int ulps = Ulps<T>(op, device);
        bool singlePrecision = op == "Power" && device == "gpu";
        foreach ((int[] shapeA, int[] shapeB, OperandLayout layoutA, OperandLayout layoutB) in Operands.BroadcastCases())
        {
            (Array<T> a, ReferenceArray x) = Operands.Make<T>(shapeA, layoutA, Left<T>(op, random));
            (Array<T> b, ReferenceArray y) = Operands.Make<T>(shapeB, layoutB, Right<T>(op, random));
            int[] shape = Operands.Broadcast(shapeA, shapeB);
            using (a)
            using (b)
            using (Array<T> result = Call(op, a, b, stream))
            {
                string what = $"{typeof(T).Name} {op} {layoutA} {Format(shapeA)} with {layoutB} {Format(shapeB)}";
                Assert.Equal(shape, result.Shape);
                double[] expected = Reference<T>(op, x.BroadcastTo(shape).Data, y.BroadcastTo(shape).Data);
                ElementValues.AssertClose(expected, result.ToArray(), ulps, unitScale: false, what, singlePrecision);
            }
        }

        foreach ((int[] shape, OperandLayout layout) in Operands.SingleCases())
        {
            (Array<T> a, ReferenceArray x) = Operands.Make<T>(shape, layout, Left<T>(op, random));
            double left = Left<T>(op, random)(), right = Right<T>(op, random)();
            (Array<T> b, ReferenceArray y) = Operands.Make<T>(shape, layout, Right<T>(op, random));
            using (a)
            using (b)
            using (Array<T> arrayScalar = CallArrayScalar(op, a, ElementValues.Round<T>(right), stream))
            using (Array<T> scalarArray = CallScalarArray(op, ElementValues.Round<T>(left), b, stream))
            {
                string what = $"{typeof(T).Name} {op} {layout} {Format(shape)}";
                double[] rights = Enumerable.Repeat(right, x.Data.Length).ToArray();
                double[] lefts = Enumerable.Repeat(left, y.Data.Length).ToArray();
                ElementValues.AssertClose(Reference<T>(op, x.Data, rights), arrayScalar.ToArray(), ulps, unitScale: false, what + " with a scalar", singlePrecision);
                ElementValues.AssertClose(Reference<T>(op, lefts, y.Data), scalarArray.ToArray(), ulps, unitScale: false, "a scalar with " + what, singlePrecision);
            }
        }
    }

    private static string Format(int[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The bound for <paramref name="op"/>'s results, in ULP of the element type.</summary>
    private static int Ulps<T>(string op, string device) => op switch
    {
        "Divide" when typeof(T) == typeof(Half) => device == "gpu" ? 1 : 0,
        "Divide" => UlpBounds.Divide(device),
        "Power" when typeof(T) == typeof(Half) => 1,
        "Power" => UlpBounds.Power(device, largestExp2Argument: 3 * 2),   // |y| <= 3, |log2 x| <= 2
        _ => 0,
    };

    private static Func<double> Left<T>(string op, Random random) where T : INumber<T> => op switch
    {
        "Power" when ElementValues.IsInteger<T>() => ElementValues.Uniform<T>(random, -4, 4),
        "Power" => ElementValues.NonZero<T>(random, 0.5, 4),
        _ => ElementValues.Uniform<T>(random, -100, 100),
    };

    private static Func<double> Right<T>(string op, Random random) where T : INumber<T> => op switch
    {
        "Divide" => ElementValues.NonZero<T>(random, 1, 20),
        "Power" when ElementValues.IsInteger<T>() => ElementValues.Uniform<T>(random, -2, 7),
        "Power" => () => random.Next(2) == 0 ? random.Next(-3, 4) : ElementValues.Exactly<T>(-3 + (6 * random.NextDouble())),
        _ => ElementValues.Uniform<T>(random, -100, 100),
    };

    /// <summary>The op in double, with C#'s semantics for the element type (integer division truncates).</summary>
    private static double[] Reference<T>(string op, double[] x, double[] y) => x.Zip(y, (a, b) => op switch
    {
        "Add" => a + b,
        "Subtract" => a - b,
        "Multiply" => a * b,
        "Divide" => ElementValues.IsInteger<T>() ? Math.Truncate(a / b) : a / b,
        "Power" when ElementValues.IsInteger<T>() && b < 0 => a == 1 ? 1 : a == -1 ? (b % 2 == 0 ? 1 : -1) : 0,
        "Power" => Math.Pow(a, b),
        "Maximum" => Math.Max(a, b),
        "Minimum" => Math.Min(a, b),
        _ => throw new ArgumentException(op, nameof(op)),
    }).ToArray();

    private static Array<T> Call<T>(string op, Array<T> a, Array<T> b, StreamOrDevice stream) where T : unmanaged, INumber<T> => op switch
    {
        "Add" => Mx.Add(a, b, stream),
        "Subtract" => Mx.Subtract(a, b, stream),
        "Multiply" => Mx.Multiply(a, b, stream),
        "Divide" => Mx.Divide(a, b, stream),
        "Power" => Mx.Power(a, b, stream),
        "Maximum" => Mx.Maximum(a, b, stream),
        _ => Mx.Minimum(a, b, stream),
    };

    private static Array<T> CallArrayScalar<T>(string op, Array<T> a, T b, StreamOrDevice stream) where T : unmanaged, INumber<T> => op switch
    {
        "Add" => Mx.Add(a, b, stream),
        "Subtract" => Mx.Subtract(a, b, stream),
        "Multiply" => Mx.Multiply(a, b, stream),
        "Divide" => Mx.Divide(a, b, stream),
        "Power" => Mx.Power(a, b, stream),
        "Maximum" => Mx.Maximum(a, b, stream),
        _ => Mx.Minimum(a, b, stream),
    };

    private static Array<T> CallScalarArray<T>(string op, T a, Array<T> b, StreamOrDevice stream) where T : unmanaged, INumber<T> => op switch
    {
        "Add" => Mx.Add(a, b, stream),
        "Subtract" => Mx.Subtract(a, b, stream),
        "Multiply" => Mx.Multiply(a, b, stream),
        "Divide" => Mx.Divide(a, b, stream),
        "Power" => Mx.Power(a, b, stream),
        "Maximum" => Mx.Maximum(a, b, stream),
        _ => Mx.Minimum(a, b, stream),
    };
}
