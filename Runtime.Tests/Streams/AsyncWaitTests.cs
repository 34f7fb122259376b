using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Tandem.Runtime.Tests.Backends.Vulkan.GpuDevice;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Streams;

/// <summary>
/// ToArrayAsync, ItemAsync and SynchronizeAsync complete when the work they wait for finished (the thread that finishes
/// it completes them), fail as their blocking forms throw, and stop waiting when canceled.
/// </summary>
public sealed class AsyncWaitTests
{
    private const int N = 1024;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Devices => TestDevices.All();

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task ToArrayAsync_completes_once_the_pending_write_finished(string device)
    {
        using var pending = new GatedWrite(device);
        Task<float[]> elements = pending.Result.ToArrayAsync();
        Task<float> first = pending.Result[0].ItemAsync();
        Task synchronized = pending.Stream.SynchronizeAsync();

        await Task.Delay(50);
        Assert.False(elements.IsCompleted);
        Assert.False(first.IsCompleted);
        Assert.False(synchronized.IsCompleted);

        pending.Release();
        await synchronized.WaitAsync(Limit);
        Assert.Equal(pending.Expected, await elements.WaitAsync(Limit));
        Assert.Equal(pending.Expected[0], await first.WaitAsync(Limit));
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task A_canceled_wait_ends_at_once_and_the_work_still_runs(string device)
    {
        using var pending = new GatedWrite(device);
        using var cancellation = new CancellationTokenSource();
        Task<float[]> elements = pending.Result.ToArrayAsync(cancellation.Token);
        Task synchronized = Mx.SynchronizeAsync(cancellation.Token);

        await cancellation.CancelAsync();
        await Assert.ThrowsAsync<TaskCanceledException>(() => elements.WaitAsync(Limit));
        await Assert.ThrowsAsync<TaskCanceledException>(() => synchronized.WaitAsync(Limit));

        pending.Release();
        Assert.Equal(pending.Expected, await pending.Result.ToArrayAsync().WaitAsync(Limit));
    }

    [Fact]
    public async Task The_async_waits_fail_as_the_blocking_ones_throw()
    {
        using DeviceStream stream = Mx.NewStream(Mx.Cpu);
        using Array<float> written = Mx.Zeros<float>([1], stream);
        TestOps.Run("Test.Failing", written, () => throw new InvalidOperationException("injected"), stream);

        var fromArray = await Assert.ThrowsAsync<KernelExecutionException>(() => written.ToArrayAsync().WaitAsync(Limit));
        Assert.Contains("Test.Failing", fromArray.Message, StringComparison.Ordinal);

        TestOps.Run("Test.Failing", written, () => throw new InvalidOperationException("injected"), stream);
        await Assert.ThrowsAsync<KernelExecutionException>(() => stream.SynchronizeAsync().WaitAsync(Limit));

        TestOps.Run("Test.Failing", written, () => throw new InvalidOperationException("injected"), stream);
        await Assert.ThrowsAsync<KernelExecutionException>(() => Mx.SynchronizeAsync().WaitAsync(Limit));
        stream.Synchronize();
    }

    [Fact]
    public async Task Waiting_on_a_disposed_array_fails_the_task()
    {
        Array<float> disposed = Mx.Zeros<float>([2], Mx.Cpu);
        disposed.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => disposed.ToArrayAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => disposed.ItemAsync());
    }

    /// <summary>
    /// An array whose last write, on the device under test, waits for a CPU stream held at a gate until
    /// <see cref="Release"/>: its result is pending for as long as the test wants.
    /// </summary>
    private sealed class GatedWrite : IDisposable
    {
        private readonly ManualResetEventSlim _gate = new();
        private readonly DeviceStream _gateStream = Mx.NewStream(Mx.Cpu);
        private readonly Array<float> _source;

        public GatedWrite(string device)
        {
            Stream = Mx.NewStream(TestDevices.Resolve(device));
            _source = Mx.Array(Enumerable.Range(0, N).Select(i => (float)i).ToArray());
            Result = Mx.Zeros<float>([N], Mx.Cpu);
            Mx.DefaultStream(Mx.Cpu).Synchronize();
            TestOps.Run("Test.Gate", _source, () => _gate.Wait(Limit), _gateStream);
            GpuTestKernels.Add(N, _source, _source, Result, Stream);
            Expected = Enumerable.Range(0, N).Select(i => 2f * i).ToArray();
        }

        public DeviceStream Stream { get; }

        public Array<float> Result { get; }

        public float[] Expected { get; }

        public void Release() => _gate.Set();

        public void Dispose()
        {
            Release();
            Stream.Synchronize();
            Stream.Dispose();
            _gateStream.Dispose();
            _source.Dispose();
            Result.Dispose();
            _gate.Dispose();
        }
    }
}
