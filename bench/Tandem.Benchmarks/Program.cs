using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Tandem.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Tandem.Benchmarks.CpuKernelBenchmarks).Assembly).Run(args);
