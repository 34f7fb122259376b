using System;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>Ops given shapes that do not fit throw ArgumentException at the call, naming the op, and queue nothing.</summary>
public sealed class ShapeMismatchTests
{
    public static TheoryData<string> Devices() => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void Binary_ops_refuse_arrays_of_different_shapes(string device)
    {
        DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
        using Array<int> three = Mx.Array(new int[3]);
        using Array<int> four = Mx.Array(new int[4]);
        using Array<int> twoByThree = Mx.Array(new int[6], [2, 3]);
        using Array<int> threeByTwo = Mx.Array(new int[6], [3, 2]);
        using Array<int> six = Mx.Array(new int[6]);

        AssertRefused("Add", () => Mx.Add(three, four, stream));
        AssertRefused("Subtract", () => Mx.Subtract(four, three, stream));
        AssertRefused("Multiply", () => Mx.Multiply(twoByThree, threeByTwo, stream));
        AssertRefused("Divide", () => Mx.Divide(twoByThree, six, stream));
        AssertRefused("Maximum", () => Mx.Maximum(six, threeByTwo, stream));
        stream.Synchronize();
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Matmul_refuses_inner_dimensions_that_differ_and_scalars(string device)
    {
        DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
        using Array<float> a = Mx.Zeros([2, 3]);
        using Array<float> b = Mx.Zeros([2, 3]);
        using Array<float> vector = Mx.Zeros([3]);
        using Array<float> scalar = Mx.Zeros([]);

        AssertRefused("Matmul", () => Mx.Matmul(a, b, stream));
        AssertRefused("Matmul", () => Mx.Matmul(vector, b, stream));
        AssertRefused("Matmul", () => Mx.Matmul(a, scalar, stream));
        stream.Synchronize();
    }

    [Fact]
    public void Creating_an_array_whose_shape_does_not_match_its_data_throws()
    {
        Assert.Throws<ArgumentException>(() => Mx.Array(new int[6], [4, 2]));
        Assert.ThrowsAny<ArgumentException>(() => Mx.Array(new int[6], [-2, -3]));
        Assert.ThrowsAny<ArgumentException>(() => Mx.Zeros<int>([-1], Mx.Cpu));
    }

    private static void AssertRefused<T>(string op, Func<Array<T>> call) where T : unmanaged
    {
        var refusal = Assert.ThrowsAny<ArgumentException>(() => call().Dispose());
        Assert.Contains("Mx." + op, refusal.Message, StringComparison.Ordinal);
    }
}
