using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>
/// Views passed to user kernels: a span sees the view's elements from its first one; views a device cannot bind in
/// place are copied for reading and refused for writing; dependencies hold per buffer, whichever view an op uses.
/// </summary>
public sealed class ViewBindingTests
{
    private static Array<float> Counting(params int[] shape)
        => Mx.Array(Enumerable.Range(0, shape.Aggregate(1, (p, s) => p * s)).Select(i => (float)i).ToArray(), shape);

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_read_only_span_sees_any_view_in_row_major_order(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> a = Counting(5, 4);
        foreach (Array<float> view in new[] { a.T, a[1], a[1..3], a[.., 1], a[2..4, 1..3], Mx.BroadcastTo(a[3], [2, 4]) })
        {
            using (view)
            {
                using Array<float> result = Mx.Zeros([view.Length]);
                ViewKernels.Scale(view.Length, 2f, view, result, stream);
                Assert.Equal(view.ToArray().Select(v => 2 * v), result.ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_written_span_takes_a_contiguous_view_in_place(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> a = Counting(4, 16);           // rows of 64 bytes: every device binds them in place
        using Array<float> ones = Mx.Ones([16]);
        using Array<float> row = a[2];
        ViewKernels.AddInto(16, ones, row, stream);
        float[] expected = Enumerable.Range(0, 64).Select(i => (float)(i / 16 == 2 ? i + 1 : i)).ToArray();
        Assert.Equal(expected, a.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_written_span_refuses_a_view_that_is_not_contiguous(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> a = Counting(4, 4);
        using Array<float> ones = Mx.Ones([4]);
        using Array<float> column = a[.., 1];
        var failure = Assert.Throws<ArgumentException>(() => ViewKernels.AddInto(4, ones, column, stream));
        Assert.Contains("Mx.Contiguous", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'y'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)i), a.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_view_that_starts_off_the_devices_alignment_is_copied_to_read_and_refused_to_write(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<float> a = Counting(9);
        using Array<float> tail = a[1..];                  // starts 4 bytes into its buffer
        using Array<float> result = Mx.Zeros([8]);
        ViewKernels.Scale(8, 3f, tail, result, stream);
        Assert.Equal(tail.ToArray().Select(v => 3 * v), result.ToArray());

        using Array<float> ones = Mx.Ones([8]);
        if (device == "gpu")
        {
            var failure = Assert.Throws<ArgumentException>(() => ViewKernels.AddInto(8, ones, tail, stream));
            Assert.Contains("4 bytes", failure.Message, StringComparison.Ordinal);
            using Array<float> aligned = Mx.Contiguous(tail, stream);
            Assert.NotSame(a.Buffer, aligned.Buffer);
            ViewKernels.AddInto(8, ones, aligned, stream);
            Assert.Equal(tail.ToArray().Select(v => v + 1), aligned.ToArray());
        }
        else
        {
            ViewKernels.AddInto(8, ones, tail, stream);
            Assert.Equal(new float[] { 0, 2, 3, 4, 5, 6, 7, 8, 9 }, a.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_write_through_one_view_orders_against_reads_through_another(string device)
    {
        using DeviceStream writer = Mx.NewStream(Mx.Cpu);
        using DeviceStream reader = Mx.NewStream(TestDevices.Resolve(device));
        using Array<float> a = Counting(4, 16);
        using Array<float> row = a[1];
        TestOps.Fill(row, 7f, writer, delayMs: 50);           // slow write of row 1
        using Array<float> column = a[.., 3];                  // a different view of the same buffer
        using Array<float> seen = Mx.Zeros([4]);
        ViewKernels.Scale(4, 1f, column, seen, reader);        // read after write: waits for the fill
        Assert.Equal(new float[] { 3, 7, 35, 51 }, seen.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_read_through_one_view_orders_against_a_later_write_through_another(string device)
    {
        using DeviceStream slowReader = Mx.NewStream(Mx.Cpu);
        using DeviceStream writer = Mx.NewStream(TestDevices.Resolve(device));
        using Array<float> a = Counting(4, 16);
        using Array<float> row = a[0];
        using Array<float> before = Mx.Zeros([16]);
        TestOps.Copy(row, before, slowReader, delayMs: 50);   // slow read of row 0
        using Array<float> block = a[..2];                      // overlaps row 0
        using Array<float> ones = Mx.Ones([32]);
        using Array<float> flat = block.Reshape(-1);
        ViewKernels.AddInto(32, ones, flat, writer);           // write after read: waits for the copy
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)i), before.ToArray());
        Assert.Equal(Enumerable.Range(0, 64).Select(i => (float)(i < 32 ? i + 1 : i)), a.ToArray());
    }
}
