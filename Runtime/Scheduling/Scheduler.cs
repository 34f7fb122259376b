using System;
using System.Threading;
using Tandem.Memory;

namespace Tandem.Scheduling;

/// <summary>
/// Queues launches on streams. One lock makes "number the op, update the dependency tracker, enqueue" atomic, so
/// a stream's queue order always matches the order the tracker saw, whichever user threads launch.
/// </summary>
internal static class Scheduler
{
    private static readonly Lock s_gate = new();

    /// <summary>Queues <paramref name="launch"/> on <paramref name="stream"/>; returns at once.</summary>
    /// <exception cref="ObjectDisposedException">One of the buffers was released meanwhile.</exception>
    public static void Submit(Stream stream, KernelLaunch launch, ReadOnlySpan<BufferUse> uses)
    {
        var held = new UnifiedBuffer[uses.Length];
        lock (s_gate)
        {
            for (int i = 0; i < uses.Length; i++)
            {
                if (!uses[i].Buffer.TryAddUser())
                {
                    for (int j = 0; j < i; j++)
                    {
                        held[j].RemoveUser();
                    }

                    throw new ObjectDisposedException(nameof(UnifiedArray),
                        $"An array passed to kernel '{launch.Kernel.Name}' was disposed.");
                }

                held[i] = uses[i].Buffer;
            }

            StreamExecutor executor = stream.Executor;
            var completion = new Event(stream, executor.ReserveSequence(), launch.Kernel.Name);
            DependencyPlan plan = DependencyTracker.Register(completion, uses);
            executor.Enqueue(new ScheduledOp(completion, plan, held, launch));
        }
    }

    /// <summary>The last op that wrote <paramref name="buffer"/>, finished or not; null if none.</summary>
    public static Event? LastWrite(UnifiedBuffer buffer)
    {
        lock (s_gate)
        {
            return buffer.History.LastWrite;
        }
    }
}
