using System.Diagnostics;
using System.Globalization;
using Tandem.Scheduling;

namespace Tandem;

// The debugger shows an array without reading its elements: evaluating ToString there would wait for pending GPU
// work (or for a stream stopped at a breakpoint) and freeze the debugger.
// Array<T> inherits the attribute.
[DebuggerDisplay("{DebuggerDisplay,nq}")]
public abstract partial class UnifiedArray
{
    /// <summary>
    /// Shape, element type and state, e.g. <c>array(shape=[2, 3], dtype=float32, pending: Add on gpu stream 1)</c>;
    /// never waits for work.
    /// </summary>
    internal string DebuggerDisplay => string.Create(
        CultureInfo.InvariantCulture,
        $"array(shape={FormatShape(ShapeSpan)}, dtype={ArrayFormatter.DtypeName(ElementType)}, {DescribeState()})");

    /// <summary>
    /// "ready", "pending: …", "failed: …" or "disposed", from the last queued write. It reads the buffer's history
    /// without the scheduler's lock (the debugger may have stopped the thread that holds it): the history table's
    /// lookups are thread-safe, and a slightly stale answer is fine for a display.
    /// </summary>
    internal string DescribeState()
    {
        if (IsDisposed)
        {
            return "disposed";
        }

        Event? lastWrite = DependencyTracker.LastWrite(Buffer);
        if (lastWrite is null)
        {
            return "ready";
        }

        if (!lastWrite.IsCompleted)
        {
            return $"pending: {lastWrite.OperationName} on {lastWrite.Stream.Description}";
        }

        return lastWrite.Error is null ? "ready" : $"failed: {lastWrite.OperationName} on {lastWrite.Stream.Description}";
    }
}
