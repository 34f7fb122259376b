using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Tandem.CompilerServices;

namespace Tandem.Benchmarks;

/// <summary>
/// The generated CPU code against TensorPrimitives: Saxpy over 16M floats (memory-bound) and Exp over 1M floats
/// (compute-bound), each through the generated SIMD loop, the generated scalar loop and TensorPrimitives.
/// Tandem launches run on a CPU stream and include queueing and synchronization; single-threaded variants
/// (one work chunk, <c>Mx.CpuThreads = 1</c>) isolate the code generation from the use of several cores.
/// </summary>
[MinIterationTime(200)]
public class CpuKernelBenchmarks
{
    private const int SaxpyLength = 16 * 1024 * 1024;
    private const int ExpLength = 1024 * 1024;

    private DeviceStream stream = null!;
    private Array<float> saxpyX = null!, saxpyY = null!, expX = null!, expY = null!;
    private float[] saxpyXs = null!, saxpyYs = null!, expXs = null!, expYs = null!;

    [Params(1, 0)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        stream = Mx.NewStream(Mx.Cpu);
        Mx.CpuThreads = Threads;
        var random = new Random(1);
        saxpyXs = new float[SaxpyLength];
        saxpyYs = new float[SaxpyLength];
        expXs = new float[ExpLength];
        expYs = new float[ExpLength];
        for (var i = 0; i < SaxpyLength; i++)
        {
            saxpyXs[i] = random.NextSingle();
            saxpyYs[i] = random.NextSingle();
        }

        for (var i = 0; i < ExpLength; i++)
        {
            expXs[i] = (random.NextSingle() * 20) - 10;
        }

        saxpyX = Mx.Array(saxpyXs);
        saxpyY = Mx.Array(saxpyYs);
        expX = Mx.Array(expXs);
        expY = Mx.Zeros<float>([ExpLength]);
        Mx.Synchronize();
        CheckOutputs();
    }

    /// <summary>Each timed path once on the benchmark's inputs, against the direct C# computation.</summary>
    private void CheckOutputs()
    {
        foreach (var simd in new[] { true, false })
        {
            CpuVectorization.Enabled = simd;
            var path = simd ? "SIMD" : "scalar";
            using (var y = Mx.Array(saxpyYs))
            {
                BenchKernels.Saxpy(SaxpyLength, 1.0001f, saxpyX, y, stream);
                OutputChecks.Require(OutputChecks.Saxpy(1.0001f, saxpyXs, saxpyYs, y.ToArray()), $"Saxpy ({path})");
            }

            BenchKernels.Exp(ExpLength, expX, expY, stream);
            OutputChecks.Require(OutputChecks.Exp(expXs, expY.ToArray()), $"Exp ({path})");
        }

        var saxpy = (float[])saxpyYs.Clone();
        TensorPrimitives.MultiplyAdd(saxpyXs, 1.0001f, saxpy, saxpy);
        OutputChecks.Require(OutputChecks.Saxpy(1.0001f, saxpyXs, saxpyYs, saxpy), "Saxpy (TensorPrimitives)");
        TensorPrimitives.Exp(expXs, expYs);
        OutputChecks.Require(OutputChecks.Exp(expXs, expYs), "Exp (TensorPrimitives)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        CpuVectorization.Enabled = true;
        Mx.CpuThreads = 0;
    }

    [Benchmark(Description = "Saxpy 16M: Tandem SIMD")]
    public void SaxpySimd()
    {
        CpuVectorization.Enabled = true;
        BenchKernels.Saxpy(SaxpyLength, 1.0001f, saxpyX, saxpyY, stream);
        stream.Synchronize();
    }

    [Benchmark(Description = "Saxpy 16M: Tandem scalar")]
    public void SaxpyScalar()
    {
        CpuVectorization.Enabled = false;
        BenchKernels.Saxpy(SaxpyLength, 1.0001f, saxpyX, saxpyY, stream);
        stream.Synchronize();
    }

    [Benchmark(Description = "Saxpy 16M: TensorPrimitives")]
    public void SaxpyTensorPrimitives() => TensorPrimitives.MultiplyAdd(saxpyXs, 1.0001f, saxpyYs, saxpyYs);

    [Benchmark(Description = "Exp 1M: Tandem SIMD")]
    public void ExpSimd()
    {
        CpuVectorization.Enabled = true;
        BenchKernels.Exp(ExpLength, expX, expY, stream);
        stream.Synchronize();
    }

    [Benchmark(Description = "Exp 1M: Tandem scalar")]
    public void ExpScalar()
    {
        CpuVectorization.Enabled = false;
        BenchKernels.Exp(ExpLength, expX, expY, stream);
        stream.Synchronize();
    }

    [Benchmark(Description = "Exp 1M: TensorPrimitives")]
    public void ExpTensorPrimitives() => TensorPrimitives.Exp(expXs, expYs);
}
