using System;
using System.Threading;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Backends.Vulkan.GpuDevice;

/// <summary>
/// Moves an array's bytes between its host copy and its device copy on a discrete GPU: one copy per call, submitted on
/// a stream of its own and waited for, so the caller can use the destination right after. Thread-safe.
/// </summary>
internal sealed class GpuTransfer : IDisposable
{
    private readonly CommandRecorder _recorder;
    private readonly Lock _gate = new();
    private ulong _value;
    private long _copies;

    public GpuTransfer(VulkanContext context) => _recorder = context.CreateRecorder();

    /// <summary>How many times bytes moved between host and device copies (by the GPU or the CPU), for tests and diagnostics.</summary>
    public long Copies => Interlocked.Read(ref _copies);

    /// <summary>Counts a copy the CPU made itself (into mapped device memory).</summary>
    public void CountCpuCopy() => Interlocked.Increment(ref _copies);

    /// <summary>The transfer stream, for GPU streams whose next batch must wait for a copy.</summary>
    public CommandRecorder Recorder => _recorder;

    /// <summary>
    /// Copies <paramref name="bytes"/> bytes and waits until they arrived; when <paramref name="after"/> is given, the
    /// copy first waits on the device for that stream's batch <paramref name="afterValue"/> (the last writer).
    /// </summary>
    /// <returns>The transfer stream's timeline value after which the copy is done.</returns>
    public ulong CopyAndWait(BufferSlice source, BufferSlice destination, ulong bytes, CommandRecorder? after = null, ulong afterValue = 0)
    {
        lock (_gate)
        {
            if (after is not null && afterValue > 0)
            {
                _recorder.WaitFor(after, afterValue);
            }

            _recorder.Copy(source.Buffer, source.Offset, destination.Buffer, destination.Offset, bytes);
            ulong value = ++_value;
            _recorder.Submit(value);
            _recorder.Wait(value);
            Interlocked.Increment(ref _copies);
            return value;
        }
    }

    public void Dispose() => _recorder.Dispose();
}

/// <summary>A range of a Vulkan buffer: where one array's bytes live on one side.</summary>
/// <param name="Buffer">The buffer.</param>
/// <param name="Offset">The first byte in it.</param>
internal readonly record struct BufferSlice(VulkanBuffer Buffer, ulong Offset);
