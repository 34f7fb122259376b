using System;
using System.Linq;
using Tandem.Runtime.Tests.Kernels;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is turned off): tests run it as a child process,
/// with an environment of their choosing, through <c>dotnet exec Tandem.Runtime.Tests.dll &lt;scenario&gt;</c>.
/// </summary>
public static class TestProgram
{
    /// <summary>Launches a kernel of this assembly and a built-in op on the GPU and checks both results.</summary>
    public const string GpuKernelsScenario = "run-gpu-kernels";

    /// <returns>0 when the scenario ran and its results were right.</returns>
    public static int Main(string[] args)
    {
        if (args is not [GpuKernelsScenario])
        {
            Console.Error.WriteLine($"Usage: dotnet exec Tandem.Runtime.Tests.dll {GpuKernelsScenario}");
            return 2;
        }

        float[] x = [.. Enumerable.Range(0, 1000).Select(i => (float)i)];
        using Array<float> xs = Mx.Array(x);
        using Array<float> ys = Mx.Array(Enumerable.Repeat(1f, x.Length).ToArray());
        ElementwiseKernels.Saxpy(x.Length, 2f, xs, ys, stream: Mx.Gpu);
        using Array<float> sum = Mx.Add(ys, xs, stream: Mx.Gpu);
        float[] result = sum.ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            // 3i + 1 is exact in float for these i.
            if (result[i] != (3 * x[i]) + 1)
            {
                Console.Error.WriteLine($"Element {i} is {result[i]}, expected {(3 * x[i]) + 1}.");
                return 1;
            }
        }

        Console.WriteLine($"OK on {Mx.Gpu.Name}");
        return 0;
    }
}
