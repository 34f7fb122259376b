using System;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Memory;
using Tandem.Tracing;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Moves bytes between host memory and buffers' device copies (<see cref="GpuAllocation"/>), for the residency rules
/// of <see cref="UnifiedBuffer"/>, as each allocation's <see cref="GpuHostAccess"/> allows. Memory the host reads at
/// its own speed (unified memory) is copied and cleared by the CPU. On a discrete GPU: uploads are CPU writes straight
/// into mapped VRAM, split over several cores (one copy, no GPU round trip); downloads, and uploads to VRAM the CPU
/// cannot map, go through a ring of pinned staging buffers in chunks, the GPU copying one chunk while the CPU copies
/// the previous one; zeros are filled by the GPU. The GPU's
/// part runs on a stream of its own; GPU streams wait for it on the device. Thread-safe: one transfer at a time.
/// </summary>
internal sealed class GpuTransfer : IDisposable
{
    /// <summary>The size of one staging buffer: a chunk of a larger transfer.</summary>
    public const long StagingBytes = 16L << 20;

    /// <summary>
    /// Downloads up to this size read mapped VRAM directly (<see cref="GpuHostAccess.Writes"/>): the CPU reads it
    /// uncached over the bus, a microsecond or so per cache line, while a staged copy pays a submit and a wait, tens of
    /// microseconds on the H100/H200 hosts (<c>readback.raw_vulkan.*</c> in docs/PERFORMANCE.md). The reductions' and
    /// <c>Item()</c>'s results are this small.
    /// </summary>
    public const long MappedReadBytes = 256;

    private const int StagingCount = 4;

    private readonly CommandRecorder? _recorder;
    private readonly VulkanBuffer[] _staging = [];
    private readonly ulong[] _stagingFreeAt = new ulong[StagingCount];
    private readonly Lock _gate = new();
    private int _nextStaging;
    private long _copies;

    /// <param name="context">The device.</param>
    /// <param name="discrete">
    /// True where device copies are memory of the device's own (a discrete GPU): the stream and the staging buffers are
    /// made now, so the memory held from the device does not grow later.
    /// </param>
    public GpuTransfer(VulkanContext context, bool discrete)
    {
        if (!discrete)
        {
            return;
        }

        _recorder = context.CreateRecorder();
        _staging = new VulkanBuffer[StagingCount];
        try
        {
            for (int i = 0; i < StagingCount; i++)
            {
                _staging[i] = context.CreateBuffer((ulong)StagingBytes, MemoryPlacement.Staging);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The device whose memory this moves bytes to and from, as traces name it.</summary>
    public Device? Device { get; init; }

    /// <summary>The stream the GPU's copies and fills run on; null on unified memory, where the CPU does everything.</summary>
    public CommandRecorder? Recorder => _recorder;

    /// <summary>How many transfers moved bytes between host memory and device copies, for tests and diagnostics.</summary>
    public long Copies => Interlocked.Read(ref _copies);

    /// <summary>
    /// Copies <paramref name="bytes"/> bytes from host memory at <paramref name="source"/> to
    /// <paramref name="destination"/>. Returns the value of <see cref="Recorder"/> that work using the destination must
    /// wait for on the device; 0 when the bytes are there already.
    /// </summary>
    public ulong Upload(GpuAllocation destination, nint source, long bytes)
    {
        using TransferScope traced = TransferScope.Begin(Device, "upload", bytes);
        Interlocked.Increment(ref _copies);
        if (destination.HostAccess != GpuHostAccess.None)
        {
            BulkCopy.Copy(source, destination.MappedPointer, bytes);
            return 0;
        }

        lock (_gate)
        {
            CommandRecorder recorder = _recorder!;
            ulong last = 0;
            for (long done = 0; done < bytes; done += StagingBytes)
            {
                long chunk = Math.Min(StagingBytes, bytes - done);
                int slot = TakeStaging();
                BulkCopy.Copy(source + (nint)done, _staging[slot].HostPointer, chunk);
                recorder.Copy(_staging[slot], 0, destination.Slice.Buffer, destination.Slice.Offset + (ulong)done, (ulong)chunk);
                last = recorder.Submit(recorder.SubmittedValue + 1);
                _stagingFreeAt[slot] = last;
            }

            return last;
        }
    }

    /// <summary>
    /// Sets the first <paramref name="bytes"/> bytes of <paramref name="destination"/> to zero. Returns the value of
    /// <see cref="Recorder"/> to wait for, as <see cref="Upload"/> does.
    /// </summary>
    public ulong FillZeros(GpuAllocation destination, long bytes)
    {
        using TransferScope traced = TransferScope.Begin(Device, "fill", bytes);
        if (destination.HostAccess == GpuHostAccess.ReadsAndWrites)
        {
            BulkCopy.Clear(destination.MappedPointer, bytes);
            return 0;
        }

        lock (_gate)
        {
            CommandRecorder recorder = _recorder!;

            // A fill covers whole 32-bit words; the device copy's capacity always has room for the rounding.
            ulong words = ((ulong)bytes + 3) / 4 * 4;
            recorder.Fill(destination.Slice.Buffer, destination.Slice.Offset, words, 0);
            return recorder.Submit(recorder.SubmittedValue + 1);
        }
    }

    /// <summary>
    /// Copies the first <paramref name="bytes"/> bytes of <paramref name="source"/> to host memory at
    /// <paramref name="destination"/>, after the device's last write to it, and returns once they arrived.
    /// </summary>
    /// <exception cref="VulkanDeviceLostException">The device was lost: the bytes exist only on it.</exception>
    public void Download(GpuAllocation source, nint destination, long bytes)
    {
        using TransferScope traced = TransferScope.Begin(Device, "download", bytes);
        Interlocked.Increment(ref _copies);
        // The host has waited for the last writer, whose batch ended with a barrier making its writes visible to it.
        if (source.HostAccess == GpuHostAccess.ReadsAndWrites || (source.HostAccess == GpuHostAccess.Writes && bytes <= MappedReadBytes))
        {
            BulkCopy.Copy(source.MappedPointer, destination, bytes);
            return;
        }

        lock (_gate)
        {
            CommandRecorder recorder = _recorder!;
            if (source.LastWriter is { } writer)
            {
                recorder.WaitFor(writer, writer.CompletedValue);
            }

            // Chunk i is copied by the GPU while the CPU copies chunk i - 1 out of its staging buffer.
            long chunks = (bytes + StagingBytes - 1) / StagingBytes;
            var pending = new (int Slot, ulong Value)[Math.Max(1, (int)chunks)];
            for (long chunk = 0; chunk <= chunks; chunk++)
            {
                if (chunk < chunks)
                {
                    long start = chunk * StagingBytes;
                    int slot = TakeStaging();
                    recorder.Copy(source.Slice.Buffer, source.Slice.Offset + (ulong)start, _staging[slot], 0,
                        (ulong)Math.Min(StagingBytes, bytes - start));
                    ulong value = recorder.Submit(recorder.SubmittedValue + 1);
                    _stagingFreeAt[slot] = value;
                    pending[chunk] = (slot, value);
                }

                if (chunk > 0)
                {
                    long previous = chunk - 1;
                    long start = previous * StagingBytes;
                    (int slot, ulong value) = pending[previous];
                    recorder.Timeline.SpinThenWait(value);
                    BulkCopy.Copy(_staging[slot].HostPointer, destination + (nint)start, Math.Min(StagingBytes, bytes - start));
                }
            }
        }
    }

    /// <summary>The next staging buffer, once the GPU finished the copy that used it last.</summary>
    private int TakeStaging()
    {
        int slot = _nextStaging;
        _nextStaging = (slot + 1) % StagingCount;
        if (_stagingFreeAt[slot] > 0)
        {
            _recorder!.Timeline.SpinThenWait(_stagingFreeAt[slot]);
        }

        return slot;
    }

    public void Dispose()
    {
        _recorder?.Dispose();
        foreach (VulkanBuffer? staging in _staging)
        {
            staging?.Dispose();
        }
    }
}

/// <summary>A range of a Vulkan buffer: where one buffer's device copy lives.</summary>
/// <param name="Buffer">The buffer.</param>
/// <param name="Offset">The first byte in it.</param>
internal readonly record struct BufferSlice(VulkanBuffer Buffer, ulong Offset);
