using System;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// Generated kernels launched past the device's group count along X (65,535 on llvmpipe, with groups of 256): the
/// grid folds into rows of groups, the kernel computes its index from both axes, and every element must be computed
/// once, at its own index, as on the CPU.
/// </summary>
public sealed class LargeLaunchTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void A_1D_launch_past_65535_groups_computes_every_element_at_its_own_index(string device)
    {
        // GuardedDifference reads a neighbour, so it has only the ordinary entry point: one element per thread.
        const int n = (65_535 * 256) + 1_000;
        var x = Numerics.Floats(new Random(9), n);
        var expected = new float[n];
        for (var i = 0; i < n; i++)
        {
            StructuredKernels.GuardedDifference(i, n - 1, x, expected);
        }

        using Array<float> y = Mx.Zeros<float>([n]);
        StructuredKernels.GuardedDifference(n, n - 1, Mx.Array(x), y, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expected, y.ToArray(), "GuardedDifference");
    }
}
