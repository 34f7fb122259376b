using System;
using Tandem.Ops.Reduction;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>
/// The devices the reduction tests run on, and on the GPU both ways a row reduction combines a group's values: through
/// subgroups (where the device has them, as llvmpipe does) and in a tree in group-shared memory, against the same
/// references.
/// </summary>
public static class ReductionVariants
{
    public static TheoryData<string, bool> All()
    {
        var data = new TheoryData<string, bool>();
        foreach (string device in TestDevices.Names())
        {
            data.Add(device, false);
            if (device == "gpu")
            {
                data.Add(device, true);
            }
        }

        return data;
    }

    /// <summary>The shared-memory kernels only, until disposed, unless <paramref name="subgroups"/>; null when nothing changes.</summary>
    public static IDisposable? Use(bool subgroups) => subgroups ? null : ReductionSubgroups.SharedMemoryOnly();
}
