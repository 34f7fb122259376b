// Measures Tandem on the machine it runs on, printing one "RESULT key value unit (note)" line per figure and one
// "CHECK what ok|WRONG" line per output checked, like the peers' scripts in bench/peers, then a summary; exits 1 when
// a measurement failed or an output was wrong.
// Usage: Tandem.DeviceBench [all|headline|saxpy|chain|cpuop|cpu|simd|placement|shape|vector512|gemm-gpu|gemm-cpu|elementwise|residency|random|reduce|reduce-cpu|timeline|increment-chain|precise] ...
// (precise: run it once more with TANDEM_RELAXED_FLOATS=1 to compare; not part of "all")
using System;
using System.Linq;
using Tandem;
using Tandem.DeviceBench;

var modes = args.Length == 0 || args.Contains("all") ? ["headline", "saxpy", "chain", "cpuop", "cpu", "simd", "placement", "shape", "vector512", "gemm-gpu", "gemm-cpu", "elementwise", "residency", "random", "reduce", "reduce-cpu"] : args;
Console.WriteLine($"Tandem.DeviceBench {DateTime.UtcNow:yyyy-MM-dd} | {Environment.ProcessorCount} cores | GPU: {(Mx.IsGpuAvailable ? Mx.Gpu.Name : "none")}");
foreach (var mode in modes)
{
    try
    {
        Run(mode);
    }
    catch (Exception failure) when (failure is not OutOfMemoryException)
    {
        // One failed measurement must not cost the rest of a run on a machine that is lent for minutes.
        Console.WriteLine($"FAILED {mode}: {failure}");
        Report.Wrong.Add($"FAILED {mode}");
    }
}

Console.WriteLine("==== TANDEM SUMMARY ====");
foreach (var line in Report.Lines)
{
    Console.WriteLine(line);
}

Console.WriteLine(Report.Wrong.Count == 0 ? "checks: all ok" : "checks: WRONG\n" + string.Join("\n", Report.Wrong));
return Report.Wrong.Count == 0 ? 0 : 1;

static void Run(string mode)
{
    switch (mode)
    {
        case "headline":
            HeadlineBenchmark.Run();
            break;
        case "saxpy":
            SaxpyBandwidth.Run(256 << 20);
            break;
        case "cpuop":
            CpuOpOverhead.Run();
            break;
        case "chain":
            TinyOpChain.Run(10_000);
            TinyOpChain.RunRaw(10_000);
            break;
        case "increment-chain":
            TinyOpChain.IncrementChain(Mx.NewStream(Mx.IsGpuAvailable ? Mx.Gpu : Mx.Cpu), Mx.IsGpuAvailable ? "gpu" : "cpu", 10_000);
            break;
        case "cpu":
            CpuKernels.Run();
            break;
        case "simd":
            SimdCoverage.Run();
            break;
        case "placement":
            PlacementBenchmark.Run(64 << 20);
            break;
        case "shape":
            ShaderShapeBenchmark.Run(64 << 20);
            break;
        case "vector512":
            VectorWidthExp.Run();
            break;
        case "gemm-gpu":
            GemmBenchmark.RunGpu();
            break;
        case "gemm-cpu":
            GemmBenchmark.RunCpu();
            break;
        case "random":
            RandomBenchmark.Run(64 << 20);
            break;
        case "elementwise":
            ElementwiseLayouts.Run(64 << 20);
            break;
        case "precise":
            PreciseArithmetic.Run();
            break;
        case "residency":
            ResidencyBenchmark.Run(10);
            break;
        case "reduce":
            ReductionBandwidth.RunGpu();
            break;
        case "reduce-cpu":
            ReductionBandwidth.RunCpu(16 << 20);
            break;
        case "ops-cpu":
            OpSweep.RunCpu();
            break;
        case "timeline":
            TimelineBenchmark.Run(10_000);
            break;
        default:
            throw new ArgumentException($"unknown mode '{mode}': use all, headline, saxpy, chain, cpuop, cpu, simd, placement, shape, vector512, gemm-gpu, gemm-cpu, elementwise, residency, random, reduce, reduce-cpu, ops-cpu, timeline, increment-chain or precise");
    }
}
