using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.ShapeOps;

/// <summary>
/// Concatenate, Stack and Take on the 1-byte element types (bool, byte), whose elements the copying kernels move as
/// widened words: odd lengths (a packed word shared by neighbours), views as inputs, against plain C# references.
/// </summary>
public sealed class OneByteShapeOpsTests
{
    public static TheoryData<string> Devices() => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void Concatenate_and_stack_join_bool_and_byte_arrays(string device)
    {
        Device on = TestDevices.Resolve(device);
        bool[] flags = [true, false, false, true, true, false, true, false, true, true, false, false, true, false, true];
        using Array<bool> a = Mx.Array(flags, [3, 5]);
        using Array<bool> b = Mx.Array(new[] { false, true, true }, [3, 1]);
        using Array<bool> joined = Mx.Concatenate([a, b], axis: 1, stream: on);
        Assert.Equal([3, 6], joined.Shape);
        bool[] expected = Enumerable.Range(0, 18).Select(i => i % 6 < 5 ? flags[(i / 6 * 5) + (i % 6)] : new[] { false, true, true }[i / 6]).ToArray();
        Assert.Equal(expected, joined.ToArray());

        byte[] bytes = [1, 2, 3, 250, 251, 255, 7];
        using Array<byte> x = Mx.Array(bytes);
        using Array<byte> y = Mx.Array(bytes.Reverse().ToArray());
        using Array<byte> stacked = Mx.Stack([x, y], axis: 1, stream: on);
        Assert.Equal([7, 2], stacked.Shape);
        Assert.Equal(bytes.Zip(bytes.Reverse()).SelectMany(p => new[] { p.First, p.Second }).ToArray(), stacked.ToArray());

        using Array<byte> matrix = Mx.Array(Enumerable.Range(0, 12).Select(i => (byte)(i * 20)).ToArray(), [3, 4]);
        using Array<byte> transposed = matrix.T;
        using Array<byte> withView = Mx.Concatenate([transposed, transposed], axis: 0, stream: on);
        byte[] t = Enumerable.Range(0, 12).Select(i => (byte)((((i % 3) * 4) + (i / 3)) * 20)).ToArray();
        Assert.Equal([.. t, .. t], withView.ToArray());
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Take_gathers_bool_and_byte_elements(string device)
    {
        Device on = TestDevices.Resolve(device);
        using Array<byte> a = Mx.Array(new byte[] { 10, 20, 30, 40, 50, 60 }, [2, 3]);
        using Array<int> indices = Mx.Array(new[] { 2, 0, -1, 1, 2 });
        using Array<byte> columns = Mx.Take(a, indices, axis: 1, stream: on);
        Assert.Equal([2, 5], columns.Shape);
        Assert.Equal(new byte[] { 30, 10, 30, 20, 30, 60, 40, 60, 50, 60 }, columns.ToArray());

        using Array<bool> flags = Mx.Array(new[] { true, false, true, true, false });
        using Array<int> picks = Mx.Array(new[] { 1, 4, 0, 3 });
        using Array<bool> taken = Mx.Take(flags, picks, stream: on);
        Assert.Equal(new[] { false, false, true, true }, taken.ToArray());
    }
}
