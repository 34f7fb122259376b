using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops;

/// <summary>
/// Element-wise ops against a scalar C# reference. +, -, *, / and max round exactly on the CPU, so results match bit
/// for bit (signed zeros included); exp, log and tanh may differ by the SIMD path's rounding, within
/// <see cref="UlpBounds"/>.
/// </summary>
public sealed class ElementwiseOpTests
{
    public static TheoryData<int> Seeds => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Float_arithmetic_matches_the_reference(int seed)
    {
        var random = new Random(seed);
        foreach (int[] shape in RandomInputs.Shapes(seed))
        {
            float[] x = RandomInputs.Floats(random, RandomInputs.Length(shape));
            float[] y = RandomInputs.Floats(random, x.Length, 0.5f, 10);
            float s = random.NextSingle() + 0.5f;
            using Array<float> a = Mx.Array(x, shape);
            using Array<float> b = Mx.Array(y, shape);

            AssertOp(Mx.Add(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p + q));
            AssertOp(Mx.Subtract(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p - q));
            AssertOp(Mx.Multiply(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p * q));
            AssertOp(Mx.Divide(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p / q));
            AssertOp(Mx.Maximum(a, b, Mx.Cpu), shape, x.Zip(y, MathF.Max));
            AssertOp(Mx.Add(a, s, Mx.Cpu), shape, x.Select(p => p + s));
            AssertOp(Mx.Subtract(a, s, Mx.Cpu), shape, x.Select(p => p - s));
            AssertOp(Mx.Multiply(a, s, Mx.Cpu), shape, x.Select(p => p * s));
            AssertOp(Mx.Divide(a, s, Mx.Cpu), shape, x.Select(p => p / s));
            AssertOp(Mx.Maximum(a, 0f, Mx.Cpu), shape, x.Select(p => MathF.Max(p, 0)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Double_arithmetic_matches_the_reference(int seed)
    {
        var random = new Random(seed);
        foreach (int[] shape in RandomInputs.Shapes(seed))
        {
            double[] x = RandomInputs.Doubles(random, RandomInputs.Length(shape));
            double[] y = RandomInputs.Doubles(random, x.Length, 0.5, 10);
            using Array<double> a = Mx.Array(x, shape);
            using Array<double> b = Mx.Array(y, shape);

            AssertOp(Mx.Add(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p + q));
            AssertOp(Mx.Subtract(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p - q));
            AssertOp(Mx.Multiply(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p * q));
            AssertOp(Mx.Divide(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p / q));
            AssertOp(Mx.Maximum(a, b, Mx.Cpu), shape, x.Zip(y, Math.Max));
            AssertOp(Mx.Multiply(a, 2.5, Mx.Cpu), shape, x.Select(p => p * 2.5));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Int_arithmetic_matches_the_reference(int seed)
    {
        var random = new Random(seed);
        foreach (int[] shape in RandomInputs.Shapes(seed))
        {
            int[] x = RandomInputs.Ints(random, RandomInputs.Length(shape));
            int[] y = RandomInputs.NonZeroInts(random, x.Length);
            using Array<int> a = Mx.Array(x, shape);
            using Array<int> b = Mx.Array(y, shape);

            AssertOp(Mx.Add(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p + q));
            AssertOp(Mx.Subtract(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p - q));
            AssertOp(Mx.Multiply(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p * q));
            AssertOp(Mx.Divide(a, b, Mx.Cpu), shape, x.Zip(y, (p, q) => p / q));
            AssertOp(Mx.Maximum(a, b, Mx.Cpu), shape, x.Zip(y, Math.Max));
            AssertOp(Mx.Divide(a, -7, Mx.Cpu), shape, x.Select(p => p / -7));
            AssertOp(Mx.Maximum(a, 3, Mx.Cpu), shape, x.Select(p => Math.Max(p, 3)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Math_functions_match_the_reference(int seed)
    {
        var random = new Random(seed);
        foreach (int[] shape in RandomInputs.Shapes(seed))
        {
            float[] x = RandomInputs.Floats(random, RandomInputs.Length(shape), 0.01f, 20);
            double[] y = RandomInputs.Doubles(random, x.Length, 0.01, 20);
            using Array<float> a = Mx.Array(x, shape);
            using Array<double> b = Mx.Array(y, shape);

            AssertUlps(Mx.Exp(a, Mx.Cpu), x.Select(p => MathF.Exp(p)), UlpBounds.Exp("cpu", 20));
            AssertUlps(Mx.Log(a, Mx.Cpu), x.Select(p => MathF.Log(p)), UlpBounds.Log("cpu"), 1);
            AssertUlps(Mx.Sqrt(a, Mx.Cpu), x.Select(p => MathF.Sqrt(p)), UlpBounds.Divide("cpu"));
            using Array<float> centered = Mx.Subtract(a, 10f, Mx.Cpu);   // tanh is only interesting near 0
            AssertUlps(Mx.Tanh(centered, Mx.Cpu), x.Select(p => MathF.Tanh(p - 10)), UlpBounds.Trigonometric("cpu"), 1);
            AssertUlps(Mx.Exp(b, Mx.Cpu), y.Select(p => Math.Exp(p)), UlpBounds.Exp("cpu", 20));
            AssertUlps(Mx.Log(b, Mx.Cpu), y.Select(p => Math.Log(p)), UlpBounds.Log("cpu"), 1);
            AssertUlps(Mx.Sqrt(b, Mx.Cpu), y.Select(p => Math.Sqrt(p)), UlpBounds.Divide("cpu"));
            AssertUlps(Mx.Tanh(b, Mx.Cpu), y.Select(p => Math.Tanh(p)), UlpBounds.Trigonometric("cpu"), 1);
        }
    }

    [Fact]
    public void Mismatched_shapes_throw_naming_both()
    {
        using Array<float> a = Mx.Zeros([2, 3]);
        using Array<float> b = Mx.Zeros([3, 2]);
        var failure = Assert.Throws<ArgumentException>(() => Mx.Add(a, b, Mx.Cpu));
        Assert.Contains("[2, 3]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[3, 2]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Mx.Add", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_element_types_and_bad_arrays_throw_at_the_call()
    {
        // Mx.Exp(ints) does not compile (Exp takes floating-point types); ulong compiles for Add but has no kernels.
        using Array<int> ints = Mx.Array(new[] { 1, 2 });
        using Array<ulong> ulongs = Mx.Array(new ulong[] { 1, 2 });
        var unsupported = Assert.Throws<NotSupportedException>(() => Mx.Add(ulongs, ulongs, Mx.Cpu));
        Assert.Contains("Mx.Add does not support uint64", unsupported.Message, StringComparison.Ordinal);
        Assert.Contains("float32", unsupported.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Mx.Add(null!, ints, Mx.Cpu));
        Array<int> disposed = Mx.Array(new[] { 1 });
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Mx.Add(disposed, 1, Mx.Cpu));
    }

    [Fact]
    public void Integer_division_by_zero_fails_the_op_and_its_dependents()
    {
        DeviceStream stream = Mx.NewStream(Mx.Cpu);
        using Array<int> a = Mx.Array(new[] { 1, 2 });
        using Array<int> zero = Mx.Zeros<int>([2]);
        using Array<int> quotient = Mx.Divide(a, zero, stream);
        using Array<int> dependent = Mx.Add(quotient, 1, stream);

        var failure = Assert.Throws<KernelExecutionException>(() => dependent.ToArray());
        Assert.Contains("DivideKernels.Int32", failure.OriginalKernelName, StringComparison.Ordinal);
        Assert.IsType<DivideByZeroException>(failure.InnerException!.InnerException);
        stream.Synchronize();
    }

    private static void AssertOp<T>(Array<T> result, int[] shape, System.Collections.Generic.IEnumerable<T> expected) where T : unmanaged
    {
        using (result)
        {
            Assert.Equal(shape, result.Shape);
            // Floats bit for bit: Assert.Equal would take -0 for +0.
            switch (expected.ToArray(), result.ToArray())
            {
                case (float[] e, float[] a):
                    Numerics.AssertExact(e, a);
                    break;
                case (double[] e, double[] a):
                    Numerics.AssertExact(e, a);
                    break;
                case var (e, a):
                    Assert.Equal(e, a);
                    break;
            }
        }
    }

    private static void AssertUlps<T>(Array<T> result, System.Collections.Generic.IEnumerable<T> expected, int ulps, int scale = 0)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using (result)
        {
            Numerics.AssertUlps(expected.ToArray(), result.ToArray(), ulps, T.CreateChecked(scale));
        }
    }
}
