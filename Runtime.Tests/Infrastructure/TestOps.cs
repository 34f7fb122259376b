using System;
using System.Threading;
using Tandem.CompilerServices;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>Small float kernels for the scheduler tests, each launched the way a generated launcher would.</summary>
internal static class TestOps
{
    private static readonly KernelDescriptor s_add = TestKernel.Describe("TestKernels.Add", 1,
        TestBuffer.Read("a", indexed: true), TestBuffer.Read("b", indexed: true), TestBuffer.Write("c", indexed: true));

    private static readonly KernelDescriptor s_copy = TestKernel.Describe("TestKernels.Copy", 1,
        TestBuffer.Read("source", indexed: true), TestBuffer.Write("destination", indexed: true));

    private static readonly KernelDescriptor s_fill = TestKernel.Describe("TestKernels.Fill", 1, TestBuffer.Write("destination", indexed: true));

    private static readonly KernelDescriptor s_increment = TestKernel.Describe("TestKernels.Increment", 1, TestBuffer.Write("values", indexed: true));

    /// <summary>c = a + b, after sleeping <paramref name="delayMs"/> ms to widen any race.</summary>
    public static void Add(Array<float> a, Array<float> b, Array<float> c, StreamOrDevice stream = default, int delayMs = 0)
        => TestKernel.Launch(s_add, c.Length, [a, b, c], (begin, end) =>
        {
            Sleep(delayMs);
            ReadOnlySpan<float> x = KernelLauncher.GetReadOnlySpan(a);
            ReadOnlySpan<float> y = KernelLauncher.GetReadOnlySpan(b);
            Span<float> z = KernelLauncher.GetSpan(c);
            for (int i = begin; i < end; i++)
            {
                z[i] = x[i] + y[i];
            }
        }, stream);

    /// <summary>destination = source, after sleeping.</summary>
    public static void Copy(Array<float> source, Array<float> destination, StreamOrDevice stream = default, int delayMs = 0)
        => TestKernel.Launch(s_copy, destination.Length, [source, destination], (begin, end) =>
        {
            Sleep(delayMs);
            ReadOnlySpan<float> from = KernelLauncher.GetReadOnlySpan(source);
            Span<float> to = KernelLauncher.GetSpan(destination);
            for (int i = begin; i < end; i++)
            {
                to[i] = from[i];
            }
        }, stream);

    /// <summary>destination[i] = value, after sleeping.</summary>
    public static void Fill(Array<float> destination, float value, StreamOrDevice stream = default, int delayMs = 0)
        => TestKernel.Launch(s_fill, destination.Length, [destination], (begin, end) =>
        {
            Sleep(delayMs);
            KernelLauncher.GetSpan(destination)[begin..end].Fill(value);
        }, stream);

    /// <summary>values[i] += 1.</summary>
    public static void Increment(Array<float> values, StreamOrDevice stream = default)
        => TestKernel.Launch(s_increment, values.Length, [values], (begin, end) =>
        {
            Span<float> span = KernelLauncher.GetSpan(values);
            for (int i = begin; i < end; i++)
            {
                span[i] += 1;
            }
        }, stream);

    /// <summary>A kernel that runs <paramref name="action"/> once and touches <paramref name="touched"/>.</summary>
    public static void Run(string name, Array<float> touched, Action action, StreamOrDevice stream = default, bool writes = true)
    {
        KernelDescriptor kernel = TestKernel.Describe(name, 1, writes ? TestBuffer.Write("touched") : TestBuffer.Read("touched"));
        TestKernel.Launch(kernel, 1, [touched], (_, _) => action(), stream);
    }

    private static void Sleep(int delayMs)
    {
        if (delayMs > 0)
        {
            Thread.Sleep(delayMs);
        }
    }
}
