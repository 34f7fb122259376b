using System;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>Every public path that takes an array refuses a disposed one with ObjectDisposedException.</summary>
public sealed class DisposedArrayTests
{
    public static TheoryData<string> Devices() => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public void Ops_kernels_and_reads_refuse_a_disposed_array(string device)
    {
        DeviceStream stream = Mx.NewStream(TestDevices.Resolve(device));
        Array<int> disposed = Mx.Array(new[] { 1, 2, 3 });
        using Array<int> live = Mx.Array(new[] { 1, 2, 3 });
        Array<float> disposedMatrix = Mx.Zeros([3, 3]);
        using Array<float> liveMatrix = Mx.Zeros([3, 3]);
        disposed.Dispose();
        disposedMatrix.Dispose();

        Assert.Throws<ObjectDisposedException>(() => disposed.ToArray());
        Assert.Throws<ObjectDisposedException>(() => Mx.Add(disposed, live, stream));
        Assert.Throws<ObjectDisposedException>(() => Mx.Add(live, disposed, stream));
        Assert.Throws<ObjectDisposedException>(() => Mx.Multiply(disposed, 2, stream));
        Assert.Throws<ObjectDisposedException>(() => Mx.Sum(disposed, stream));
        Assert.Throws<ObjectDisposedException>(() => Mx.Exp(disposedMatrix, stream));
        Assert.Throws<ObjectDisposedException>(() => Mx.Matmul(disposedMatrix, liveMatrix, stream));
        Assert.Throws<ObjectDisposedException>(() => Mx.Matmul(liveMatrix, disposedMatrix, stream));
        Assert.Throws<ObjectDisposedException>(() => ReliabilityKernels.CopyInts(3, disposed, live, stream));
        Assert.Throws<ObjectDisposedException>(() => ReliabilityKernels.CopyInts(3, live, disposed, stream));

        // Refused at the call: nothing was queued, the live array is unchanged.
        stream.Synchronize();
        Assert.Equal(new[] { 1, 2, 3 }, live.ToArray());
    }

    [Fact]
    public void Reads_of_a_disposed_array_name_it_as_a_user_writes_it()
    {
        Array<float> array = Mx.Zeros([2, 3], Mx.Cpu);
        using Array<float> view = array.T;
        array.Dispose();

        foreach (Action read in new Action[] { () => array.ToArray(), () => array.Item(), () => _ = array[0] })
        {
            var exception = Assert.Throws<ObjectDisposedException>(read);
            Assert.Contains("Array<float> [2, 3]", exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("`1", exception.Message, StringComparison.Ordinal);
        }

        Assert.Equal(new float[6], view.ToArray()); // the view keeps its own hold on the memory
    }
}
