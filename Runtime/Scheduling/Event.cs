using System;
using System.Threading;

namespace Tandem.Scheduling;

/// <summary>
/// The completion of one queued op: the point <see cref="Value"/> on its stream's timeline, plus the error the op
/// ended with, if any. The dependency tracker records these per buffer; waiting on another stream's work means
/// waiting on one of them, whatever device either stream is on.
/// </summary>
internal sealed class Event
{
    private int _reported;

    public Event(DeviceStream stream, ulong value, string operationName)
    {
        Stream = stream;
        Timeline = stream.Executor.Timeline;
        Value = value;
        OperationName = operationName;
    }

    /// <summary>The stream the op runs on.</summary>
    public DeviceStream Stream { get; }

    /// <summary>The stream's timeline; the op is done when it reaches <see cref="Value"/>.</summary>
    public Timeline Timeline { get; }

    /// <summary>The op's sequence number on its stream.</summary>
    public ulong Value { get; }

    /// <summary>The kernel's name, for error messages.</summary>
    public string OperationName { get; }

    /// <summary>
    /// Why the op failed, or null. Set by the stream's executor before the timeline passes <see cref="Value"/>, so it
    /// is final once <see cref="IsCompleted"/> is true.
    /// </summary>
    public KernelExecutionException? Error { get; private set; }

    /// <summary>The failed op this one depended on, when it did not run because of it.</summary>
    public Event? Cause { get; private set; }

    /// <summary>True once the op finished, successfully or not.</summary>
    public bool IsCompleted => Timeline.HasReached(Value);

    /// <summary>True once a synchronization threw this op's error to the user.</summary>
    public bool IsReported => Volatile.Read(ref _reported) != 0;

    /// <summary>Blocks the calling host thread until the op finished.</summary>
    public void Wait() => Timeline.WaitHost(Value);

    /// <summary>Records the op's failure; called by the executor before it signals completion.</summary>
    public void Fail(KernelExecutionException error, Event? cause)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
        Cause = cause;
    }

    /// <summary>
    /// Marks this failure, and the failures it follows from, as seen by the user, so later synchronizations do not
    /// throw them a second time.
    /// </summary>
    public void MarkReported()
    {
        for (Event? failed = this; failed is not null; failed = failed.Cause)
        {
            Volatile.Write(ref failed._reported, 1);
        }
    }

    public override string ToString() => $"{OperationName} @ {Stream} #{Value}";
}
