using System;
using Tandem.Abi;
using Tandem.CompilerServices;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>One buffer parameter of a hand-made kernel.</summary>
internal readonly record struct TestBuffer(string Name, BufferAccess Access, int ElementSize = sizeof(float), bool IndexedByThreadIndex = false)
{
    public static TestBuffer Read(string name, bool indexed = false) => new(name, BufferAccess.Read, sizeof(float), indexed);

    public static TestBuffer Write(string name, bool indexed = false) => new(name, BufferAccess.ReadWrite, sizeof(float), indexed);

    public static TestBuffer WriteOnly(string name, bool indexed = false) => new(name, BufferAccess.Write, sizeof(float), indexed);
}

/// <summary>
/// Builds kernel descriptors by hand, the way the generator will, with placeholder HLSL: the CPU path never reads it.
/// </summary>
internal static class TestKernel
{
    public static KernelDescriptor Describe(string name, int rank, params TestBuffer[] buffers)
    {
        var infos = new KernelBufferInfo[buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            infos[i] = new KernelBufferInfo(buffers[i].Name, i, buffers[i].Access, buffers[i].ElementSize, buffers[i].IndexedByThreadIndex);
        }

        int uniformBytes = KernelAbi.ScalarsOffset(buffers.Length);
        string hlsl = $"[numthreads(64, 1, 1)] void {EntryPoint(name)}(uint3 id : SV_DispatchThreadID) {{ }}";
        return new KernelDescriptor(name, rank, new Index3D(64, 1, 1), hlsl, EntryPoint(name), infos, uniformBytes, KernelFeatures.None);
    }

    public static void Launch(KernelDescriptor kernel, Index3D extent, UnifiedArray[] arrays, CpuKernelBody body, StreamOrDevice stream = default)
        => KernelLauncher.Launch(kernel, extent, arrays, new byte[kernel.UniformByteSize], body, stream);

    public static void Launch(KernelDescriptor kernel, int extent, UnifiedArray[] arrays, CpuKernelBody body, StreamOrDevice stream = default)
        => Launch(kernel, new Index3D(extent, 1, 1), arrays, body, stream);

    private static string EntryPoint(string name) => name.Replace('.', '_');
}
