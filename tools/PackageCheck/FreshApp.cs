// The Program.cs of the fresh `dotnet new console` app that tools/PackageCheck/check-package.sh builds against the
// Tandem package: implicit usings (System.IO, System.Threading, ...) and nullable on, warnings as errors. It uses a
// [Kernel], array ops, a stream object and System.IO.Stream in one file, so a public name of Tandem that clashes with
// one of .NET's implicit usings fails its build. Argument: cpu or gpu. Prints the result: 3,6,9,12. Its second kernel
// is there for the check of TandemScalarKernelWarnings.
using Tandem;

Device device = args is ["gpu"] ? Mx.Gpu : Mx.Cpu;
using DeviceStream deviceStream = Mx.NewStream(device);

Array<float> x = Mx.Array(new float[] { 1, 2, 3, 4 });
Array<float> y = Mx.Zeros<float>([4]);
FreshKernels.Saxpy(4, 2f, x, y, deviceStream);               // y = 2x, on the chosen device
Array<float> z = Mx.Add(y, x, stream: Mx.Cpu);               // waits for the kernel by itself: z = 3x
float[] values = await z.ToArrayAsync(CancellationToken.None);
await deviceStream.SynchronizeAsync();

using Stream text = new MemoryStream();                      // System.IO.Stream beside Tandem's DeviceStream
using (var writer = new StreamWriter(text, leaveOpen: true))
{
    await writer.WriteAsync(string.Join(",", values));
}

text.Position = 0;
using var reader = new StreamReader(text);
Console.WriteLine(await reader.ReadToEndAsync());

/// <summary>The app's own kernel, compiled by the generator the package brings.</summary>
public static partial class FreshKernels
{
    /// <summary>y = alpha * x + y.</summary>
    [Kernel]
    public static void Saxpy(int i, float alpha, ReadOnlySpan<float> x, Span<float> y) => y[i] = alpha * x[i] + y[i];

    /// <summary>y[i] = x[k[i]]: its CPU version is a scalar loop (TK0021, a warning with TandemScalarKernelWarnings).</summary>
    [Kernel]
    public static void Gather(int i, ReadOnlySpan<float> x, ReadOnlySpan<int> k, Span<float> y) => y[i] = x[k[i]];
}
