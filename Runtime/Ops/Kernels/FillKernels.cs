using System;

namespace Tandem.Ops.Kernels;

/// <summary>Kernels that fill new arrays: constants and ranges.</summary>
internal static partial class FillKernels
{
    [Kernel]
    public static void FillFloat(int i, float value, Span<float> output) => output[i] = value;

    [Kernel]
    public static void FillDouble(int i, double value, Span<double> output) => output[i] = value;

    [Kernel]
    public static void FillInt(int i, int value, Span<int> output) => output[i] = value;

    [Kernel]
    public static void ArangeFloat(int i, float start, float step, Span<float> output) => output[i] = start + (i * step);

    [Kernel]
    public static void ArangeDouble(int i, double start, double step, Span<double> output) => output[i] = start + (i * step);

    [Kernel]
    public static void ArangeInt(int i, int start, int step, Span<int> output) => output[i] = start + (i * step);
}
