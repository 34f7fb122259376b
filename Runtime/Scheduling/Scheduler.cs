using System;
using System.Threading;
using Tandem.Memory;
using Tandem.Tracing;

namespace Tandem.Scheduling;

/// <summary>
/// Queues launches on streams. One lock makes "number the op, update the dependency tracker, enqueue" atomic, so
/// a stream's queue order always matches the order the tracker saw, whichever user threads launch.
/// </summary>
internal static class Scheduler
{
    private static readonly Lock s_gate = new();
    private static volatile Action<Event>? s_beforeRun;

    /// <summary>
    /// Called on a stream's executor right before each op runs (CPU) or is recorded (GPU), after its waits and the
    /// failed-input check; what it throws becomes the op's error. Null by default (one read per op): the seam through
    /// which tests make chosen launches fail where real failures happen.
    /// </summary>
    public static Action<Event>? BeforeRun
    {
        get => s_beforeRun;
        set => s_beforeRun = value;
    }

    /// <summary>Queues <paramref name="launch"/> on <paramref name="stream"/>; returns at once.</summary>
    /// <param name="stream">Where it runs.</param>
    /// <param name="launch">What runs.</param>
    /// <param name="uses">
    /// Each buffer it uses, once; the queued op keeps this array (each of its buffers holds one user reference until the
    /// op finished), so the caller must not change it afterwards.
    /// </param>
    /// <exception cref="ObjectDisposedException">The stream was disposed, or one of the buffers was released meanwhile.</exception>
    public static void Submit(DeviceStream stream, KernelLaunch launch, BufferUse[] uses)
    {
        lock (s_gate)
        {
            if (stream.IsDisposed)
            {
                throw new ObjectDisposedException(nameof(DeviceStream), $"Kernel '{launch.Kernel.Name}' was launched on {stream.Description}, which was disposed.");
            }

            for (int i = 0; i < uses.Length; i++)
            {
                if (!uses[i].Buffer.TryAddUser())
                {
                    for (int j = 0; j < i; j++)
                    {
                        uses[j].Buffer.RemoveUser();
                    }

                    throw new ObjectDisposedException(nameof(UnifiedArray),
                        $"An array passed to kernel '{launch.Kernel.Name}' was disposed.");
                }
            }

            StreamExecutor executor = stream.Executor;
            var completion = new Event(stream, executor.ReserveSequence(), launch.Kernel.Name);
            Event[] waits = DependencyTracker.Register(completion, uses);
            // Tracing off costs this one read of a static field.
            TracedOp? traced = TraceRecorder.Active?.Queued(stream, completion.Value, launch.Kernel.Name, launch.Extent, Producers(waits));
            executor.Enqueue(new ScheduledOp(completion, waits, uses, launch) { Trace = traced });
        }
    }

    /// <summary>The ops a traced launch waits for, as the trace names them.</summary>
    private static TracedProducer[] Producers(Event[] waits)
    {
        if (waits.Length == 0)
        {
            return [];
        }

        var producers = new TracedProducer[waits.Length];
        for (int i = 0; i < waits.Length; i++)
        {
            producers[i] = new TracedProducer(waits[i].Stream, waits[i].Value, waits[i].OperationName);
        }

        return producers;
    }

    /// <summary>
    /// Returns the sequence number of the last op queued on <paramref name="stream"/>, which its caller just marked
    /// disposed: taken under the lock, so no launch that saw the stream open can queue after it.
    /// </summary>
    public static ulong Close(DeviceStream stream)
    {
        lock (s_gate)
        {
            return stream.Executor.LastSubmitted;
        }
    }

    /// <summary>The last op that wrote <paramref name="buffer"/>, finished or not; null if none.</summary>
    public static Event? LastWrite(UnifiedBuffer buffer)
    {
        lock (s_gate)
        {
            return DependencyTracker.LastWrite(buffer);
        }
    }
}
