using System;
using System.Threading;
using System.Threading.Tasks;
using Tandem.Devices;

namespace Tandem;

public static partial class Mx
{
    /// <summary>Makes a new stream on <paramref name="device"/>; its work runs in parallel with other streams'.</summary>
    /// <param name="device">The device.</param>
    /// <returns>The stream.</returns>
    public static DeviceStream NewStream(Device device) => StreamRegistry.Create(DeviceRegistry.For(device));

    /// <summary>
    /// The stream ops on <paramref name="device"/> use when given the device: the innermost
    /// <see cref="StreamScope"/>'s stream when it is on that device, else the device's own default stream.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <returns>The stream.</returns>
    public static DeviceStream DefaultStream(Device device)
    {
        DeviceBackend backend = DeviceRegistry.For(device);
        DeviceStream? scoped = StreamContext.Current;
        return scoped is not null && scoped.Device == device ? scoped : backend.DefaultStream;
    }

    /// <summary>Waits until all work queued on every stream so far has finished.</summary>
    /// <exception cref="KernelExecutionException">
    /// An op queued since the last synchronization failed, or did not run because one it depends on failed. All
    /// streams are synchronized before it is thrown.
    /// </exception>
    public static void Synchronize()
    {
        KernelExecutionException? first = null;
        foreach (DeviceStream stream in StreamRegistry.All())
        {
            try
            {
                stream.Synchronize();
            }
            catch (KernelExecutionException failure)
            {
                first ??= failure;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    /// <summary>
    /// A task that completes when all work queued on every stream so far has finished, without blocking a thread
    /// meanwhile: for UI and server code. It fails as <see cref="Synchronize"/> throws.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting (the task is then canceled); the queued work still runs.</param>
    /// <returns>The task.</returns>
    /// <exception cref="KernelExecutionException">
    /// (In the task.) An op queued since the last synchronization failed, or did not run because one it depends on
    /// failed. All streams are waited for before it is thrown.
    /// </exception>
    /// <exception cref="OperationCanceledException">(In the task.) <paramref name="cancellationToken"/> was canceled first.</exception>
    public static async Task SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        KernelExecutionException? first = null;
        foreach (DeviceStream stream in StreamRegistry.All())
        {
            try
            {
                await stream.SynchronizeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (KernelExecutionException failure)
            {
                first ??= failure;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    /// <summary>
    /// Makes <paramref name="stream"/> the default for the current thread and async flow until the result is
    /// disposed, like MLX's <c>with mx.stream(s)</c>. Scopes nest; disposing one restores the default before it.
    /// </summary>
    /// <param name="stream">A stream, or a device for its default stream.</param>
    /// <returns>The scope; dispose it to restore the previous default.</returns>
    /// <example><code>using (Mx.StreamScope(Mx.Cpu)) { var c = Mx.Add(a, b); }</code></example>
    public static IDisposable StreamScope(StreamOrDevice stream) => StreamContext.Enter(stream.Resolve());
}
