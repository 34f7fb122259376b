using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Tandem.Cli;

/// <summary><c>tandem info</c>: the CPU, each Vulkan device, the shader compiler, the shader cache and where the built-in ops' SPIR-V comes from.</summary>
internal static class InfoCommand
{
    public static Command Create(TextWriter output)
    {
        Option<bool> json = TandemCommand.JsonOption();
        var command = new Command("info", "Show the CPU and its vector width, each Vulkan device (type, driver, API version, memory heaps and types, unified or not, kernel limits), the shader compiler, the shader cache and where the built-in ops' SPIR-V comes from.")
        {
            json,
        };
        command.SetAction(parsed =>
        {
            MachineReport report = MachineReport.Collect();
            output.WriteLine(parsed.GetValue(json) ? CliJson.Write(report, CliJson.Default.MachineReport) : Text(report));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Text(MachineReport report)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        CpuReport cpu = report.Cpu;
        text.WriteLine($"CPU: {cpu.Name} ({cpu.Architecture}), {cpu.LogicalCores} logical cores");
        text.WriteLine($"  vectors: Vector<T> {cpu.VectorBits} bits, kernels' SIMD loops {(cpu.KernelVectorBits > 0 ? $"{cpu.KernelVectorBits} bits" : "off (no vectors in hardware)")}; {string.Join(", ", cpu.InstructionSets)}");
        text.WriteLine();
        text.WriteLine(report.VulkanDevices.Count == 0 ? "Vulkan: no device" : "Vulkan devices:");
        foreach (GpuReport gpu in report.VulkanDevices)
        {
            string mark = gpu.Chosen ? (report.GpuDisabled ? "  (Mx.Gpu, but TANDEM_DISABLE_GPU=1)" : "  (Mx.Gpu)") : gpu.Unusable is { } why ? $"  (unusable: {why})" : string.Empty;
            text.WriteLine($"  [{gpu.Index}] {gpu.Name}{mark}");
            text.WriteLine($"      type {gpu.Type}, driver {gpu.Driver}, Vulkan {gpu.ApiVersion}, {(gpu.UnifiedMemory ? "unified memory (one allocation serves CPU and GPU)" : "memory of its own (host copy + device copy)")}");
            text.WriteLine($"      heaps: {string.Join("; ", gpu.Heaps.Select(h => $"{h.Index}: {Bytes(h.Bytes)}{(h.DeviceLocal ? " device-local" : string.Empty)}"))}");
            text.WriteLine($"      memory types: {string.Join("; ", gpu.MemoryTypes.Select(t => $"{t.Index} (heap {t.Heap}): {t.Properties}"))}");
            LimitsReport l = gpu.Limits;
            text.WriteLine($"      limits: storage buffer ≤ {Bytes(l.MaxStorageBufferRange)}, groups ≤ {string.Join("×", l.MaxWorkGroupCount)}, group ≤ {string.Join("×", l.MaxWorkGroupSize)} ({l.MaxWorkGroupInvocations} threads), push constants {l.MaxPushConstantsBytes} B, buffer offset alignment {l.MinStorageBufferOffsetAlignment} B, {l.MaxStorageBuffersPerStage} buffers per kernel");
            text.WriteLine($"      features: {string.Join(", ", gpu.Features)}; timestamps {l.TimestampPeriodNanoseconds} ns/tick, {(gpu.CalibratedTimestamps ? "calibrated timestamps offered" : "no calibrated timestamps: traces measure the offset")}");
        }

        if (report.VulkanProblem is { } problem)
        {
            text.WriteLine($"  {problem}");
        }

        text.WriteLine();
        text.WriteLine($"Shader compiler: {(report.Compiler.Found ? report.Compiler.Identity : "none — " + report.Compiler.Identity)}");
        text.WriteLine($"Shader cache: {report.ShaderCache.Directory} ({report.ShaderCache.Entries} kernels, {Bytes((ulong)report.ShaderCache.Bytes)})");
        text.WriteLine($"Built-in kernels' SPIR-V: {report.BuiltInShaders}");
        return text.ToString().TrimEnd();
    }

    /// <summary>Bytes in the largest binary unit that keeps a number ≥ 1.</summary>
    internal static string Bytes(ulong bytes) => bytes switch
    {
        >= 1UL << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1UL << 30):0.#} GiB"),
        >= 1UL << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1UL << 20):0.#} MiB"),
        >= 1UL << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
