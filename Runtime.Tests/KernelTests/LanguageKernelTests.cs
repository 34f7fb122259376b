using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Runtime.Tests.Kernels;
using Xunit;

namespace Tandem.Runtime.Tests.KernelTests;

/// <summary>
/// Helper calls, atomics, vectors, switch and stencils through their launchers equal the direct call of the user's
/// method in a loop; group kernels equal the plain reference loops written here (a direct call of a group kernel
/// is a group of one thread, see <see cref="Group"/>).
/// </summary>
public sealed class LanguageKernelTests
{
    public static TheoryData<string, int> DevicesAndExtents()
    {
        var data = new TheoryData<string, int>();
        foreach (var device in TestDevices.Names())
        {
            foreach (var extent in new[] { 1, 7, 64, 1000, 70_001 })
            {
                data.Add(device, extent);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Histogram_with_Interlocked_Add_counts_every_value(string device, int n)
    {
        var values = Numerics.Ints(new Random(n), n, -3, 20);
        var expected = new int[16];
        for (var i = 0; i < n; i++)
        {
            LanguageKernels.Histogram(i, 16, values, expected);
        }

        var histogram = Mx.Zeros<int>([16]);
        LanguageKernels.Histogram(n, 16, Mx.Array(values), histogram, stream: TestDevices.Resolve(device));
        Assert.Equal(expected, histogram.ToArray());
        Assert.Equal(n, histogram.ToArray().Sum());
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Atomic_results_are_consistent_under_contention(string device, int n)
    {
        var values = Numerics.Ints(new Random(n + 1), n, 0, 1_000_000);
        var counters = Mx.Array(new[] { 0, 0, int.MinValue, 0 });
        var flags = Mx.Array(new[] { 0u, uint.MaxValue });
        var tickets = Mx.Zeros<int>([n]);
        LanguageKernels.AtomicResults(n, Mx.Array(values), counters, flags, tickets, stream: TestDevices.Resolve(device));

        // Every thread drew a distinct ticket; the counters and flags saw every thread, in whatever order.
        Assert.Equal(Enumerable.Range(0, n), tickets.ToArray().OrderBy(t => t));
        var expectedOr = values.Aggregate(0u, (acc, v) => acc | (1u << (v & 31)));
        Assert.Equal(new[] { n, -n, values.Max(), 7 }, counters.ToArray());
        Assert.Equal(new[] { expectedOr, ~expectedOr }, flags.ToArray());
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void A_compare_exchange_whose_result_is_unused_still_exchanges(string device, int n)
    {
        var slot = Mx.Array(new[] { -1 });
        var unsignedSlot = Mx.Array(new[] { uint.MaxValue });
        LanguageKernels.ClaimSlots(n, slot, unsignedSlot, stream: TestDevices.Resolve(device));

        // Some thread won each slot (on the GPU glslc once dropped the store: both stayed unclaimed).
        Assert.InRange(slot.ToArray()[0], 0, n - 1);
        Assert.InRange(unsignedSlot.ToArray()[0], 0u, (uint)n - 1);
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Helper_calls_equal_the_direct_call(string device, int n)
    {
        var x = Numerics.Floats(new Random(n + 2), n);
        var expectedY = new float[n];
        var expectedInfo = new int[n];
        for (var i = 0; i < n; i++)
        {
            LanguageKernels.Helpers(i, 0.5f, x, expectedY, expectedInfo);
        }

        var y = Mx.Zeros<float>([n]);
        var info = Mx.Zeros<int>([n]);
        LanguageKernels.Helpers(n, 0.5f, Mx.Array(x), y, info, stream: TestDevices.Resolve(device));
        // A quotient below 2, plus neighbours of at most 4 and 1: the quotient's rounding at the scale of the largest term.
        Numerics.AssertUlps(expectedY, y.ToArray(), UlpBounds.Divide(device), 4f);
        Assert.Equal(expectedInfo, info.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void NBody_step_with_Vector3_equals_the_direct_call(string device)
    {
        const int n = 300;
        var random = new Random(3);
        Vector3 Next() => new(Numerics.Floats(random, 3));
        var position = Enumerable.Range(0, n).Select(_ => Next()).ToArray();
        var velocity = Enumerable.Range(0, n).Select(_ => Next() * 0.1f).ToArray();
        var mass = Numerics.Floats(random, n, 0.1f, 2f);
        var gravity = new Vector3(0, -0.5f, 0.25f);
        var expectedVelocity = (Vector3[])velocity.Clone();
        var expectedPosition = new Vector3[n];
        for (var i = 0; i < n; i++)
        {
            LanguageKernels.NBodyStep(i, 0.01f, 0.1f, gravity, position, mass, expectedVelocity, expectedPosition);
        }

        var velocityArray = Mx.Array(velocity);
        var positionArray = Mx.Zeros<Vector3>([n]);
        LanguageKernels.NBodyStep(n, 0.01f, 0.1f, gravity, Mx.Array(position), Mx.Array(mass), velocityArray, positionArray, stream: TestDevices.Resolve(device));
        // The CPU runs the same C# per body: exact. On the GPU each pull carries a root's and a quotient's error (three
        // factors of 1/sqrt); the sum of 300 pulls is stated at the scale of their magnitudes, times dt, beside |v|.
        var (velocityScale, positionScale) = NBodyScales(position, mass, velocity, gravity, 0.01f, 0.1f);
        var ulps = device == "gpu" ? (3 * 2 * UlpBounds.Divide(device)) + Numerics.SumUlps(2 * n) : 0;
        Numerics.AssertUlps(Flatten(expectedVelocity), Flatten(velocityArray.ToArray()), ulps, velocityScale, "velocity");
        Numerics.AssertUlps(Flatten(expectedPosition), Flatten(positionArray.ToArray()), ulps, positionScale, "position");
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Vector_methods_equal_the_direct_call(string device, int n)
    {
        var random = new Random(n + 4);
        var a = Enumerable.Range(0, n).Select(_ => new Vector2(Numerics.Floats(random, 2))).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => new Vector4(Numerics.Floats(random, 4))).ToArray();
        var weights = new Vector4(0.5f, -1f, 2f, 0.25f);
        var expected = new Vector4[n];
        var expectedScalars = new float[n];
        for (var i = 0; i < n; i++)
        {
            LanguageKernels.VectorMethods(i, weights, a, b, expected, expectedScalars);
        }

        var result = Mx.Zeros<Vector4>([n]);
        var scalars = Mx.Zeros<float>([n]);
        LanguageKernels.VectorMethods(n, weights, Mx.Array(a), Mx.Array(b), result, scalars, stream: TestDevices.Resolve(device));
        // Exact on the CPU (the same C# per element). On the GPU: normalize, square roots, a length and a quotient by 8,
        // each within the quotient bound, stated at 16, the largest term (|w . weights| is at most 4 x 3.75).
        var ulps = device == "gpu" ? 4 * UlpBounds.Divide(device) : 0;
        Numerics.AssertUlps(Flatten(expected), Flatten(result.ToArray()), ulps, 16f, "vectors");
        Numerics.AssertUlps(expectedScalars, scalars.ToArray(), ulps, "distances");
    }

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Stencil_2D_equals_the_direct_call(string device)
    {
        const int width = 37, height = 21;
        var input = Numerics.Floats(new Random(5), width * height);
        var expected = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                LanguageKernels.Stencil(new Index2D(x, y), width, height, 0.2f, input, expected);
            }
        }

        var output = Mx.Zeros<float>([width * height]);
        LanguageKernels.Stencil((width, height), width, height, 0.2f, Mx.Array(input), output, stream: TestDevices.Resolve(device));
        Numerics.AssertExact(expected, output.ToArray());
    }

    [Theory]
    [MemberData(nameof(DevicesAndExtents))]
    public void Switch_and_nested_loops_equal_the_direct_call(string device, int n)
    {
        var codes = Numerics.Ints(new Random(n + 6), n, -50, 50);
        var expected = new int[n];
        for (var i = 0; i < n; i++)
        {
            LanguageKernels.SwitchAndNestedLoops(i, codes, expected);
        }

        var output = Mx.Zeros<int>([n]);
        LanguageKernels.SwitchAndNestedLoops(n, Mx.Array(codes), output, stream: TestDevices.Resolve(device));
        Assert.Equal(expected, output.ToArray());
    }

    /// <summary>
    /// Per component: the velocity's scale is max(|v|, dt (|g| + the sum of the pulls' magnitudes)), the position's
    /// max(|p|, dt |new v|), the magnitudes the GPU's roundings are relative to.
    /// </summary>
    private static (float[] Velocity, float[] Position) NBodyScales(Vector3[] position, float[] mass, Vector3[] velocity, Vector3 gravity, float dt, float softening)
    {
        var (velocityScale, positionScale) = (new Vector3[position.Length], new Vector3[position.Length]);
        for (var i = 0; i < position.Length; i++)
        {
            var pulls = Vector3.Abs(gravity);
            for (var j = 0; j < position.Length; j++)
            {
                var d = position[j] - position[i];
                var inverse = 1f / MathF.Sqrt(d.LengthSquared() + (softening * softening));
                pulls += Vector3.Abs(d * (mass[j] * inverse * inverse * inverse));
            }

            velocityScale[i] = Vector3.Max(Vector3.Abs(velocity[i]), pulls * dt);
            var moved = Vector3.Abs(velocity[i]) + (pulls * dt);
            positionScale[i] = Vector3.Max(Vector3.Abs(position[i]), moved * dt);
        }

        return (Flatten(velocityScale), Flatten(positionScale));
    }

    private static float[] Flatten(Vector3[] vectors) => vectors.SelectMany(v => new[] { v.X, v.Y, v.Z }).ToArray();

    private static float[] Flatten(Vector4[] vectors) => vectors.SelectMany(v => new[] { v.X, v.Y, v.Z, v.W }).ToArray();
}
