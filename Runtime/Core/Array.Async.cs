using System;
using System.Threading;
using System.Threading.Tasks;
using Tandem.Scheduling;

namespace Tandem;

public sealed partial class Array<TElement>
{
    /// <summary>
    /// Copies the elements to a new .NET array, like <see cref="ToArray"/>, once the writes queued to this array
    /// before the call have finished, without blocking a thread meanwhile: for UI and server code.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting (the task is then canceled); the queued work still runs.</param>
    /// <returns>The elements, in row-major order.</returns>
    /// <exception cref="ObjectDisposedException">(In the task.) The array was disposed.</exception>
    /// <exception cref="KernelExecutionException">(In the task.) The kernel that wrote this array last failed, or did not run.</exception>
    /// <exception cref="OperationCanceledException">(In the task.) <paramref name="cancellationToken"/> was canceled first.</exception>
    public async Task<TElement[]> ToArrayAsync(CancellationToken cancellationToken = default)
    {
        await WhenWritten(cancellationToken).ConfigureAwait(false);
        return ToArray();
    }

    /// <summary>
    /// The single element of an array of one element, like <see cref="Item"/>, once the writes queued to this array
    /// before the call have finished, without blocking a thread meanwhile.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting (the task is then canceled); the queued work still runs.</param>
    /// <returns>The element.</returns>
    /// <exception cref="ObjectDisposedException">(In the task.) The array was disposed.</exception>
    /// <exception cref="KernelExecutionException">(In the task.) The kernel that wrote this array last failed, or did not run.</exception>
    /// <exception cref="InvalidOperationException">(In the task.) The array does not hold exactly one element.</exception>
    /// <exception cref="OperationCanceledException">(In the task.) <paramref name="cancellationToken"/> was canceled first.</exception>
    public async Task<TElement> ItemAsync(CancellationToken cancellationToken = default)
    {
        await WhenWritten(cancellationToken).ConfigureAwait(false);
        return Item();
    }

    /// <summary>Completes when the last write queued to this array so far has finished (successfully or not).</summary>
    private Task WhenWritten(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return Scheduler.LastWrite(Buffer) is { } lastWrite
            ? lastWrite.Timeline.WhenReached(lastWrite.Value).WaitAsync(cancellationToken)
            : Task.CompletedTask;
    }
}
