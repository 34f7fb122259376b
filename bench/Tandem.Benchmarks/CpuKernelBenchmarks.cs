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

    private DeviceStream _stream = null!;
    private Array<float> _saxpyX = null!, _saxpyY = null!, _expX = null!, _expY = null!;
    private float[] _saxpyXs = null!, _saxpyYs = null!, _expXs = null!, _expYs = null!;

    [Params(1, 0)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stream = Mx.NewStream(Mx.Cpu);
        Mx.CpuThreads = Threads;
        var random = new Random(1);
        _saxpyXs = new float[SaxpyLength];
        _saxpyYs = new float[SaxpyLength];
        _expXs = new float[ExpLength];
        _expYs = new float[ExpLength];
        for (var i = 0; i < SaxpyLength; i++)
        {
            _saxpyXs[i] = random.NextSingle();
            _saxpyYs[i] = random.NextSingle();
        }

        for (var i = 0; i < ExpLength; i++)
        {
            _expXs[i] = (random.NextSingle() * 20) - 10;
        }

        _saxpyX = Mx.Array(_saxpyXs);
        _saxpyY = Mx.Array(_saxpyYs);
        _expX = Mx.Array(_expXs);
        _expY = Mx.Zeros<float>([ExpLength]);
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
            using (var y = Mx.Array(_saxpyYs))
            {
                BenchKernels.Saxpy(SaxpyLength, 1.0001f, _saxpyX, y, _stream);
                OutputChecks.Require(OutputChecks.Saxpy(1.0001f, _saxpyXs, _saxpyYs, y.ToArray()), $"Saxpy ({path})");
            }

            BenchKernels.Exp(ExpLength, _expX, _expY, _stream);
            OutputChecks.Require(OutputChecks.Exp(_expXs, _expY.ToArray()), $"Exp ({path})");
        }

        var saxpy = (float[])_saxpyYs.Clone();
        TensorPrimitives.MultiplyAdd(_saxpyXs, 1.0001f, saxpy, saxpy);
        OutputChecks.Require(OutputChecks.Saxpy(1.0001f, _saxpyXs, _saxpyYs, saxpy), "Saxpy (TensorPrimitives)");
        TensorPrimitives.Exp(_expXs, _expYs);
        OutputChecks.Require(OutputChecks.Exp(_expXs, _expYs), "Exp (TensorPrimitives)");
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
        BenchKernels.Saxpy(SaxpyLength, 1.0001f, _saxpyX, _saxpyY, _stream);
        _stream.Synchronize();
    }

    [Benchmark(Description = "Saxpy 16M: Tandem scalar")]
    public void SaxpyScalar()
    {
        CpuVectorization.Enabled = false;
        BenchKernels.Saxpy(SaxpyLength, 1.0001f, _saxpyX, _saxpyY, _stream);
        _stream.Synchronize();
    }

    [Benchmark(Description = "Saxpy 16M: TensorPrimitives")]
    public void SaxpyTensorPrimitives() => TensorPrimitives.MultiplyAdd(_saxpyXs, 1.0001f, _saxpyYs, _saxpyYs);

    [Benchmark(Description = "Exp 1M: Tandem SIMD")]
    public void ExpSimd()
    {
        CpuVectorization.Enabled = true;
        BenchKernels.Exp(ExpLength, _expX, _expY, _stream);
        _stream.Synchronize();
    }

    [Benchmark(Description = "Exp 1M: Tandem scalar")]
    public void ExpScalar()
    {
        CpuVectorization.Enabled = false;
        BenchKernels.Exp(ExpLength, _expX, _expY, _stream);
        _stream.Synchronize();
    }

    [Benchmark(Description = "Exp 1M: TensorPrimitives")]
    public void ExpTensorPrimitives() => TensorPrimitives.Exp(_expXs, _expYs);
}
