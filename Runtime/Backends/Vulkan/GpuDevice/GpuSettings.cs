using System;
using System.Globalization;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The environment variables of the GPU backend, read once when the backend starts. The Vulkan layer reads its own
/// (<c>TANDEM_VULKAN_DEVICE</c>, <c>TANDEM_VULKAN_VALIDATION</c>, <c>TANDEM_SHADER_CACHE</c>, <c>TANDEM_GLSLC</c>).
/// </summary>
internal static class GpuSettings
{
    /// <summary><c>TANDEM_DISABLE_GPU=1</c>: behave as if there were no GPU (the CPU runs everything).</summary>
    public const string DisableVariable = "TANDEM_DISABLE_GPU";

    /// <summary><c>TANDEM_GPU_BATCH_OPS=n</c>: submit a GPU stream's command buffer after n ops (default 64).</summary>
    public const string BatchOpsVariable = "TANDEM_GPU_BATCH_OPS";

    /// <summary>
    /// Ops per command buffer. MLX commits Metal command buffers every ~10–50 ops; a Vulkan submit costs more than a
    /// Metal commit (tens of µs on llvmpipe), so batches are larger. Host waits and other streams' needs submit earlier.
    /// </summary>
    public const int DefaultBatchOps = 64;

    /// <summary>
    /// Threads from which an op is submitted as soon as it is recorded, without waiting for its batch to fill or for a
    /// host wait: it keeps the GPU busy for longer than a submit costs (4M floats are 16-48 MB to move, some 10 µs on
    /// an H200), and a chain of such ops then runs while the host is still issuing the next (torch launches each kernel
    /// at once). Smaller ops keep being batched, where a submit each would cost more than the op.
    /// </summary>
    public const long SubmitAloneThreads = 1 << 22;

    /// <summary>
    /// <c>TANDEM_GPU_SUBGROUPS=0</c>: the built-in ops keep to their shared-memory kernels where the device also offers
    /// subgroup (<see cref="Wave"/>) ones (user kernels that call <see cref="Wave"/> still run).
    /// </summary>
    public const string SubgroupsVariable = "TANDEM_GPU_SUBGROUPS";

    /// <summary><c>TANDEM_GPU_MEMORY=unified|mirrored</c>: where arrays live (default: by the kind of device).</summary>
    public const string MemoryVariable = "TANDEM_GPU_MEMORY";

    /// <summary>
    /// Whether arrays' device copies are memory of the device's own, beside host copies of their own. By default only on
    /// a discrete GPU: there the CPU reads mapped VRAM over PCIe at a small fraction of its own memory's speed
    /// (docs/PERFORMANCE.md), while kernels reading host memory would be limited to PCIe bandwidth. Unified devices
    /// share one memory.
    /// </summary>
    public static bool MirrorArrays(Compute.DeviceInfo info) => Environment.GetEnvironmentVariable(MemoryVariable) switch
    {
        "mirrored" => true,
        "unified" => false,
        _ => info.Type == Silk.NET.Vulkan.PhysicalDeviceType.DiscreteGpu,
    };

    /// <summary>False when <see cref="SubgroupsVariable"/> turns the built-in ops' subgroup kernels off.</summary>
    public static bool Subgroups => ReadSwitch(SubgroupsVariable) != false;

    public static bool GpuDisabled => ReadSwitch(DisableVariable) == true;

    public static int BatchOps => ReadPositive(BatchOpsVariable) is { } value ? (int)Math.Min(value, 1 << 20) : DefaultBatchOps;

    /// <summary>An on/off variable: true for 1, true, TRUE or yes; false for 0, false, FALSE or no; else null.</summary>
    private static bool? ReadSwitch(string variable) => Environment.GetEnvironmentVariable(variable) switch
    {
        "1" or "true" or "TRUE" or "yes" => true,
        "0" or "false" or "FALSE" or "no" => false,
        _ => null,
    };

    private static long? ReadPositive(string variable)
        => Environment.GetEnvironmentVariable(variable) is { } text
           && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > 0
            ? value
            : null;
}
