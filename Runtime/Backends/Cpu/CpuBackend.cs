using System;
using System.Runtime.InteropServices;
using Tandem.Devices;
using Tandem.Scheduling;

namespace Tandem.Backends.Cpu;

/// <summary>The host's cores as a device: each stream gets a worker thread that runs the generated CPU bodies.</summary>
internal sealed class CpuBackend : DeviceBackend
{
    public CpuBackend()
        : base(new Device(DeviceType.Cpu, $"CPU ({RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores)"))
    {
    }

    public override StreamExecutor CreateExecutor(DeviceStream stream) => new CpuStreamExecutor(stream);
}
