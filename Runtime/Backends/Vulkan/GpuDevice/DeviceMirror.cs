using System;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// The device-local copy of one array on a discrete GPU, and which of the two copies holds the current bytes.
/// Kernels read and write the device copy; the host reads and writes the mapped host copy; bytes move only when the
/// other side needs them: to the device before a kernel uses an array the host wrote, back to the host before the host
/// reads an array a kernel wrote.
/// </summary>
/// <remarks>
/// The scheduler orders conflicting accesses, so a host read that depends on a kernel's write runs after the kernel
/// finished; concurrent readers may race to make a copy current, which the lock settles.
/// </remarks>
internal sealed class DeviceMirror
{
    private readonly BufferSlice _host;
    private readonly ulong _capacity;
    private readonly SlabPool _deviceMemory;
    private readonly Func<ulong, BufferSlice> _rentDeviceCopy;
    private readonly GpuTransfer _transfer;
    private readonly Lock _gate = new();
    private BufferSlice? _device;
    private volatile bool _hostCurrent = true;
    private volatile bool _deviceCurrent;
    private CommandRecorder? _lastDeviceWriter;

    /// <param name="host">The array's host copy.</param>
    /// <param name="capacity">Its bytes.</param>
    /// <param name="deviceMemory">Where the device copy goes back to.</param>
    /// <param name="rentDeviceCopy">Makes the device copy when a kernel first needs it (may throw <see cref="OutOfMemoryException"/>).</param>
    /// <param name="transfer">The copy path.</param>
    public DeviceMirror(BufferSlice host, ulong capacity, SlabPool deviceMemory, Func<ulong, BufferSlice> rentDeviceCopy, GpuTransfer transfer)
    {
        _host = host;
        _capacity = capacity;
        _deviceMemory = deviceMemory;
        _rentDeviceCopy = rentDeviceCopy;
        _transfer = transfer;
    }

    /// <summary>Brings the host copy up to date before the host reads; a host write makes the device copy stale.</summary>
    public void PrepareHostAccess(bool write)
    {
        if (!_hostCurrent)
        {
            lock (_gate)
            {
                if (!_hostCurrent)
                {
                    CommandRecorder writer = _lastDeviceWriter!;
                    _transfer.CopyAndWait(_device!.Value, _host, _capacity, writer, writer.CompletedValue);
                    _hostCurrent = true;
                }
            }
        }

        if (write)
        {
            _deviceCurrent = false;
        }
    }

    /// <summary>
    /// The device copy a kernel recorded on <paramref name="stream"/> binds, made current first; a write makes the host
    /// copy stale. <paramref name="uploadValue"/> is the transfer stream's value the kernel's batch must wait for (0: none).
    /// </summary>
    public BufferSlice PrepareDeviceAccess(bool write, CommandRecorder stream, out ulong uploadValue)
    {
        lock (_gate)
        {
            _device ??= _rentDeviceCopy(_capacity);
            uploadValue = 0;
            if (!_deviceCurrent)
            {
                uploadValue = Upload(_device.Value);
                _deviceCurrent = true;
            }

            if (write)
            {
                _hostCurrent = false;
                _lastDeviceWriter = stream;
            }

            return _device.Value;
        }
    }

    /// <summary>
    /// Copies the host bytes to the device copy. Small arrays in mapped VRAM are written by the CPU (write-combined
    /// stores over PCIe take about a microsecond for a few KiB; a GPU copy costs a submission round trip); others are
    /// copied by the GPU. Returns the transfer value to wait for, 0 when the copy is already done.
    /// </summary>
    private unsafe ulong Upload(BufferSlice device)
    {
        if (device.Buffer.IsHostVisible && _capacity <= CpuUploadLimit)
        {
            System.Buffer.MemoryCopy((void*)(_host.Buffer.HostPointer + (nint)_host.Offset), (void*)(device.Buffer.HostPointer + (nint)device.Offset), _capacity, _capacity);
            _transfer.CountCpuCopy();
            return 0;
        }

        return _transfer.CopyAndWait(_host, device, _capacity);
    }

    /// <summary>The largest upload the CPU writes itself into mapped device memory.</summary>
    private const ulong CpuUploadLimit = 1024 * 1024;

    /// <summary>For a reused allocation: the host copy was just cleared, the device copy is stale.</summary>
    public void Reset()
    {
        _hostCurrent = true;
        _deviceCurrent = false;
        _lastDeviceWriter = null;
    }

    /// <summary>Gives the device copy back; the allocation is going away.</summary>
    public void Release()
    {
        if (_device is { } device)
        {
            _deviceMemory.Release(device, _capacity);
            _device = null;
        }
    }
}
