using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// Element-wise kernels with per-element control flow equal the direct call on every device, at extents around the
/// GPU's four elements per thread and the CPU's vector widths.
/// </summary>
public sealed class LaneKernelTests
{
    public static TheoryData<string, int> DevicesAndExtents()
    {
        var data = new TheoryData<string, int>();
        foreach (var device in TestDevices.Names())
        {
            foreach (var extent in new[] { 0, 1, 2, 3, 4, 5, 7, 8, 9, 1023, 70_001 })
            {
                data.Add(device, extent);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void LaneControl_matches_the_direct_call(string device, int extent)
    {
        var random = new Random(extent);
        int length = extent + 3;
        int n = Math.Max(0, extent - 2); // the last elements return at once
        int[] codes = Numerics.Ints(random, length, 0, 100);
        float[] x = Numerics.Floats(random, length);
        float[] y = Numerics.Floats(random, length);
        int[] seen = Enumerable.Repeat(-1, length).ToArray();
        float[] expectedY = (float[])y.Clone();
        int[] expectedSeen = (int[])seen.Clone();
        for (int i = 0; i < extent; i++)
        {
            LaneKernels.LaneControl(i, n, codes, x, expectedY, expectedSeen);
        }

        using Array<float> ya = Mx.Array(y);
        using Array<int> seenA = Mx.Array(seen);
        LaneKernels.LaneControl(extent, n, Mx.Array(codes), Mx.Array(x), ya, seenA, TestDevices.Resolve(device));
        Numerics.AssertExact(expectedY, ya.ToArray());
        Assert.Equal(expectedSeen, seenA.ToArray());
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void StoreThenRead_matches_the_direct_call(string device, int extent)
    {
        var random = new Random(extent + 1);
        uint[] bits = Numerics.Ints(random, extent, int.MinValue, int.MaxValue).Select(v => (uint)v).ToArray();
        uint[] expectedMixed = new uint[extent + 1];
        float[] expectedFraction = new float[extent + 1];
        for (int i = 0; i < extent; i++)
        {
            LaneKernels.StoreThenRead(i, bits, expectedMixed, expectedFraction);
        }

        using Array<uint> mixed = Mx.Zeros<uint>([extent + 1]);
        using Array<float> fraction = Mx.Zeros<float>([extent + 1]);
        LaneKernels.StoreThenRead(extent, Mx.Array(bits), mixed, fraction, TestDevices.Resolve(device));
        Assert.Equal(expectedMixed, mixed.ToArray());
        Assert.Equal(expectedFraction, fraction.ToArray());
    }
}
