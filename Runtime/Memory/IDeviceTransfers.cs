namespace Tandem.Memory;

/// <summary>
/// How a device stream makes a buffer's device copy current for the kernel it is recording: <see cref="UnifiedBuffer"/>
/// decides which of these is needed, the stream's backend does it, ordered before that kernel and after what the
/// stream recorded earlier.
/// </summary>
internal interface IDeviceTransfers
{
    /// <summary>Copies <paramref name="bytes"/> bytes of host memory at <paramref name="source"/> to <paramref name="destination"/>.</summary>
    void Upload(DeviceMemory destination, nint source, long bytes);

    /// <summary>Sets the first <paramref name="bytes"/> bytes of <paramref name="destination"/> to zero, on the device.</summary>
    void FillZeros(DeviceMemory destination, long bytes);
}
