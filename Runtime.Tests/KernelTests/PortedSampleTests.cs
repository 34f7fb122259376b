using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>Ported public GPU samples: the launcher's result equals the direct call in a loop, on each device.</summary>
public sealed class PortedSampleTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Image_kernels(string device)
    {
        var on = TestDevices.Resolve(device);
        foreach (var (width, height) in new[] { (1, 1), (7, 5), (64, 48), (33, 17) })
        {
            var image = Numerics.Floats(new Random(width * height), width * height, 0, 1);
            var (counts, transposed, blurred) = (new int[width * height], new float[width * height], new float[width * height]);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    PortedSampleKernels.Mandelbrot(new Index2D(x, y), width, height, 3f / width, counts);
                    PortedSampleKernels.Transpose(new Index2D(x, y), height, width, image, transposed);
                    PortedSampleKernels.BoxBlur(new Index2D(x, y), width, height, image, blurred);
                }
            }

            var imageArray = Mx.Array(image);
            var (countsA, transposedA, blurredA) = (Mx.Zeros<int>([height, width]), Mx.Zeros<float>([width, height]), Mx.Zeros<float>([height, width]));
            PortedSampleKernels.Mandelbrot((width, height), width, height, 3f / width, countsA, stream: on);
            PortedSampleKernels.Transpose((width, height), height, width, imageArray, transposedA, stream: on);
            PortedSampleKernels.BoxBlur((width, height), width, height, imageArray, blurredA, stream: on);
            var mandelbrot = countsA.ToArray();
            // Escape counts near the set's boundary are chaotic: one rounding difference changes them. Every device
            // rounds +, - and * as C# does, so they must match everywhere.
            var mismatches = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                mismatches += counts[i] == mandelbrot[i] ? 0 : 1;
            }

            Assert.True(mismatches == 0, $"{mismatches} Mandelbrot counts differ");
            Numerics.AssertExact(transposed, transposedA.ToArray(), "transpose");
            Numerics.AssertUlps(blurred, blurredA.ToArray(), UlpBounds.Divide(device), "blur");
        }
    }

    [Theory]
    [MemberData(nameof(KernelReferenceTests.DevicesAndExtents), MemberType = typeof(KernelReferenceTests))]
    public void One_dimensional_kernels(string device, int n)
    {
        var on = TestDevices.Resolve(device);
        var random = new Random(n + 100);
        var price = Numerics.Floats(random, n, 10, 100);
        var strike = Numerics.Floats(random, n, 10, 100);
        var years = Numerics.Floats(random, n, 0.25f, 5);
        var signal = Numerics.Floats(random, n);
        var taps = new[] { 0.1f, 0.2f, 0.4f, 0.2f, 0.1f };
        var (call, put, convolved) = (new float[n], new float[n], new float[n]);
        var (reversed, popcounts) = (new uint[n], new int[n]);
        var (next, delta) = (new float[n], new float[n]);
        for (var i = 0; i < n; i++)
        {
            PortedSampleKernels.BlackScholes(i, 0.02f, 0.3f, price, strike, years, call, put);
            PortedSampleKernels.Convolve(i, signal, taps, convolved);
            PortedSampleKernels.BitTricks(i, 20, reversed, popcounts);
            PortedSampleKernels.HeatStep(i, 0.25f, signal, next, delta);
        }

        var (callA, putA, convolvedA) = (Mx.Zeros<float>([n]), Mx.Zeros<float>([n]), Mx.Zeros<float>([n]));
        var (reversedA, popcountsA) = (Mx.Zeros<uint>([n]), Mx.Zeros<int>([n]));
        var (nextA, deltaA) = (Mx.Zeros<float>([n]), Mx.Zeros<float>([n]));
        var signalA = Mx.Array(signal);
        PortedSampleKernels.BlackScholes(n, 0.02f, 0.3f, Mx.Array(price), Mx.Array(strike), Mx.Array(years), callA, putA, stream: on);
        PortedSampleKernels.Convolve(n, signalA, Mx.Array(taps), convolvedA, stream: on);
        PortedSampleKernels.BitTricks(n, 20, reversedA, popcountsA, stream: on);
        PortedSampleKernels.HeatStep(n, 0.25f, signalA, nextA, deltaA, stream: on);
        // Prices are differences of terms as large as the price and the strike (10 to 100): stated at that scale. The
        // inputs pass through log, exp, a square root and quotients; the normal CDF's slope (at most 0.4) times the
        // price carries d1's error into the result.
        var priceScale = price.Zip(strike, MathF.Max).ToArray();
        var ulps = 8 * (UlpBounds.Exp(device, 1) + UlpBounds.Log(device) + (3 * UlpBounds.Divide(device)));
        Numerics.AssertUlps(call, callA.ToArray(), ulps, priceScale, "call");
        Numerics.AssertUlps(put, putA.ToArray(), ulps, priceScale, "put");
        // Accumulated in double, then rounded once.
        Numerics.AssertExact(convolved, convolvedA.ToArray(), "convolution");
        Assert.Equal(reversed, reversedA.ToArray());
        Assert.Equal(popcounts, popcountsA.ToArray());
        Numerics.AssertExact(next, nextA.ToArray(), "heat");
        Numerics.AssertExact(delta, deltaA.ToArray(), "delta");
    }
}
