using System;
using Tandem.Abi;

namespace Tandem.CompilerServices;

/// <summary>
/// A built-in op's CPU version written by hand instead of generated from a <c>[Kernel]</c> (the matrix product packs
/// its operands and schedules its own work over the cores). It is queued on a CPU stream as a launch of one work item,
/// so ordering, dependency tracking and failure reporting are those of any kernel: the runner calls the body once, on
/// the stream's worker, and the body splits its work over at most the number of cores it is given.
/// </summary>
internal sealed class HandWrittenCpuOp
{
    private static readonly Index3D OneItem = new(1, 1, 1);

    private readonly KernelDescriptor _descriptor;

    /// <summary>Describes the op.</summary>
    /// <param name="name">The name errors report, e.g. <c>Mx.Matmul (CPU)</c>.</param>
    /// <param name="buffers">The arrays it reads and writes, in the order <see cref="Launch"/> takes them.</param>
    public HandWrittenCpuOp(string name, params ReadOnlySpan<HandWrittenBuffer> buffers)
    {
        // The body indexes its arrays itself: each binds at its position, none by the thread index.
        var infos = new KernelBufferInfo[buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            HandWrittenBuffer buffer = buffers[i];
            infos[i] = new KernelBufferInfo(buffer.Name, i, buffer.Writes ? BufferAccess.ReadWrite : BufferAccess.Read, buffer.ElementSize,
                IndexedByThreadIndex: false);
        }

        _descriptor = new KernelDescriptor(name, rank: 1, groupSize: OneItem, hlsl: "", entryPoint: "", infos,
            KernelAbi.BlockSize(KernelAbi.ScalarsOffset(infos.Length)), KernelFeatures.None);
    }

    /// <summary>Queues <paramref name="body"/> on the CPU stream <paramref name="stream"/>; returns at once.</summary>
    /// <param name="arrays">The arrays, in the order of the buffers given at construction.</param>
    /// <param name="body">The work: called once with the number of cores it may use.</param>
    /// <param name="stream">A stream of <see cref="Mx.Cpu"/>.</param>
    public void Launch(ReadOnlySpan<UnifiedArray> arrays, Action<int> body, DeviceStream stream)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Device.Type != DeviceType.Cpu)
        {
            throw new InvalidOperationException($"{_descriptor.Name} runs on CPU streams only, not on {stream.Description}.");
        }

        KernelLauncher.Launch(_descriptor, OneItem, arrays, new byte[_descriptor.UniformByteSize],
            (_, _) => body(Mx.CpuCores), stream);
    }
}

/// <summary>An array a <see cref="HandWrittenCpuOp"/> reads, or also writes, and the size of its elements in bytes.</summary>
internal readonly record struct HandWrittenBuffer(string Name, int ElementSize, bool Writes = false);
