namespace Tandem.Devices;

/// <summary>The outcome of looking for a GPU: a backend, or the reason there is none.</summary>
/// <param name="Backend">The GPU backend, or null.</param>
/// <param name="UnavailableReason">Why there is no GPU, for the message of <see cref="Mx.Gpu"/>; null with a backend.</param>
internal readonly record struct GpuBackendProbe(DeviceBackend? Backend, string? UnavailableReason);
