using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// Every unary op, every element type it takes, on both devices, against a reference computed in double, on operands
/// of every layout. Selections and exactly rounded ops match bit for bit; roots, quotients and transcendentals are
/// within <see cref="UlpBounds"/> (float16 computes in float32: one float16 ULP where float32 is not exact).
/// </summary>
public sealed class UnaryOpTests
{
    public static readonly string[] NumericOps = ["Abs", "Negative", "Square", "Sign"];

    public static readonly string[] MathOps = ["Sqrt", "Rsqrt", "Reciprocal", "Exp", "Log", "Sin", "Cos", "Tanh", "Sigmoid", "Floor", "Ceil"];

    public static TheoryData<string, string> DevicesAndOps() => TestDevices.With(NumericOps.Concat(MathOps));

    [Theory]
    [MemberData(nameof(DevicesAndOps))]
    public void Every_type_matches_the_reference(string device, string op)
    {
        if (NumericOps.Contains(op))
        {
            Check<int>(device, op, NumericCall<int>);
            Check<uint>(device, op, NumericCall<uint>);
            Check<long>(device, op, NumericCall<long>);
            Check<byte>(device, op, NumericCall<byte>);
        }

        Check<float>(device, op, MathCall<float>);
        Check<double>(device, op, MathCall<double>);
        Check<Half>(device, op, MathCall<Half>);
    }

    private static void Check<T>(string device, string op, Func<string, Array<T>, StreamOrDevice, Array<T>> call) where T : unmanaged, INumber<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        var random = new Random(op.Length * 17);
        (int ulps, bool unitScale, bool singlePrecision) = Bound<T>(op, device);
        foreach ((int[] shape, OperandLayout layout) in Operands.SingleCases())
        {
            (Array<T> a, ReferenceArray x) = Operands.Make<T>(shape, layout, Values<T>(op, random));
            using (a)
            using (Array<T> result = call(op, a, stream))
            {
                Assert.Equal(shape, result.Shape);
                double[] expected = x.Data.Select(v => Reference<T>(op, v)).ToArray();
                T[] actual = result.ToArray();
                ElementValues.AssertClose(expected, actual, ulps, unitScale, $"{typeof(T).Name} {op} {layout} [{string.Join(", ", shape)}]", singlePrecision);
            }
        }
    }

    /// <summary>The bound in ULP of the element type, whether it is at the scale max(|result|, 1), and whether double runs in single precision on this device.</summary>
    private static (int Ulps, bool UnitScale, bool SinglePrecision) Bound<T>(string op, string device)
    {
        bool half = typeof(T) == typeof(Half);
        bool gpuDouble = device == "gpu" && typeof(T) == typeof(double);
        (int ulps, bool unitScale, bool singlePrecision) = op switch
        {
            "Sqrt" => (half ? (device == "gpu" ? 1 : 0) : gpuDouble ? UlpBounds.DoubleSqrt(device) : UlpBounds.Divide(device), false, false),
            "Rsqrt" => (half ? 1 : UlpBounds.Divide(device) + UlpBounds.DoubleSqrt(device) + 1, false, false),
            "Reciprocal" => (half ? (device == "gpu" ? 1 : 0) : UlpBounds.Divide(device), false, false),
            "Exp" => (half ? 1 : UlpBounds.Exp(device, 4), false, true),
            "Log" => (half ? 1 : UlpBounds.Log(device), true, true),
            "Sin" or "Cos" or "Tanh" => (half ? 1 : UlpBounds.Trigonometric(device), true, true),
            "Sigmoid" => (half ? 1 : UlpBounds.Exp(device, 8) + 2, true, true),
            _ => (0, false, false),
        };
        return (ulps, unitScale, singlePrecision && gpuDouble);
    }

    private static Func<double> Values<T>(string op, Random random) where T : INumber<T> => op switch
    {
        "Sqrt" or "Rsqrt" or "Log" => ElementValues.Uniform<T>(random, 0.01, 100),
        "Reciprocal" => ElementValues.NonZero<T>(random, 0.05, 20),
        "Exp" => ElementValues.Uniform<T>(random, -4, 4),
        "Sin" or "Cos" or "Tanh" => ElementValues.Uniform<T>(random, -5, 5),
        "Sigmoid" => ElementValues.Uniform<T>(random, -8, 8),
        "Square" => ElementValues.Uniform<T>(random, -1000, 1000),
        _ => ElementValues.Uniform<T>(random, -100, 100),
    };

    private static double Reference<T>(string op, double a) => op switch
    {
        "Abs" => Math.Abs(a),
        "Negative" => -a,
        "Square" => a * a,
        "Sign" => a > 0 ? 1 : a < 0 ? -1 : a,
        "Sqrt" => Math.Sqrt(a),
        "Rsqrt" => 1 / Math.Sqrt(a),
        "Reciprocal" => 1 / a,
        "Exp" => Math.Exp(a),
        "Log" => Math.Log(a),
        "Sin" => Math.Sin(a),
        "Cos" => Math.Cos(a),
        "Tanh" => Math.Tanh(a),
        "Sigmoid" => 1 / (1 + Math.Exp(-a)),
        "Floor" => Math.Floor(a),
        "Ceil" => Math.Ceiling(a),
        _ => throw new ArgumentException(op, nameof(op)),
    };

    private static Array<T> NumericCall<T>(string op, Array<T> a, StreamOrDevice stream) where T : unmanaged, INumber<T> => op switch
    {
        "Abs" => Mx.Abs(a, stream),
        "Negative" => Mx.Negative(a, stream),
        "Square" => Mx.Square(a, stream),
        _ => Mx.Sign(a, stream),
    };

    private static Array<T> MathCall<T>(string op, Array<T> a, StreamOrDevice stream) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        "Sqrt" => Mx.Sqrt(a, stream),
        "Rsqrt" => Mx.Rsqrt(a, stream),
        "Reciprocal" => Mx.Reciprocal(a, stream),
        "Exp" => Mx.Exp(a, stream),
        "Log" => Mx.Log(a, stream),
        "Sin" => Mx.Sin(a, stream),
        "Cos" => Mx.Cos(a, stream),
        "Tanh" => Mx.Tanh(a, stream),
        "Sigmoid" => Mx.Sigmoid(a, stream),
        "Floor" => Mx.Floor(a, stream),
        "Ceil" => Mx.Ceil(a, stream),
        _ => NumericCall(op, a, stream),
    };
}
