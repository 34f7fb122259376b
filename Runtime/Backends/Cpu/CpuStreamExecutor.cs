using System;
using System.Collections.Generic;
using System.Threading;
using Tandem.Scheduling;

namespace Tandem.Backends.Cpu;

/// <summary>
/// A CPU stream: a FIFO queue drained by one dedicated worker thread (the shape of MLX's <c>scheduler.cpp</c>).
/// Waits on other streams' events block the worker, whatever device those streams are on.
/// </summary>
internal sealed class CpuStreamExecutor : StreamExecutor
{
    private readonly HostTimeline _timeline = new();
    private readonly Queue<ScheduledOp> _queue = new();
    private readonly object _queueGate = new();
    private readonly Thread _worker;
    private bool _workerSleeping;
    private bool _stopping;
    private int _queued;

    public CpuStreamExecutor(DeviceStream stream)
        : base(stream)
    {
        _worker = new Thread(RunWorker)
        {
            IsBackground = true,
            Name = $"Tandem {stream.Description}",
        };
        _worker.Start();
    }

    public override Timeline Timeline => _timeline;

    public override void Enqueue(ScheduledOp op)
    {
        lock (_queueGate)
        {
            _queue.Enqueue(op);
            Volatile.Write(ref _queued, _queue.Count);
            if (_workerSleeping)
            {
                Monitor.Pulse(_queueGate);
            }
        }
    }

    public override void Shutdown()
    {
        lock (_queueGate)
        {
            _stopping = true;
            Monitor.Pulse(_queueGate);
        }

        _worker.Join();
    }

    private void RunWorker()
    {
        var batch = new Queue<ScheduledOp>();
        while (true)
        {
            SpinForWork();
            lock (_queueGate)
            {
                while (_queue.Count == 0)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    _workerSleeping = true;
                    Monitor.Wait(_queueGate);
                    _workerSleeping = false;
                }

                // Take everything queued so far: fewer trips through the lock on long chains of small ops.
                while (_queue.TryDequeue(out ScheduledOp? op))
                {
                    batch.Enqueue(op);
                }

                Volatile.Write(ref _queued, 0);
            }

            while (batch.TryDequeue(out ScheduledOp? op))
            {
                Execute(op);
                op.ReleaseBuffers();
                _timeline.Signal(op.Completion.Value);
            }
        }
    }

    /// <summary>
    /// Polls for the next op before the worker sleeps: a chain of tiny ops issues it within microseconds, and a
    /// sleeping worker makes every launch pay a wake-up.
    /// </summary>
    private void SpinForWork()
        => Spinning.Until(this, static worker => Volatile.Read(ref worker._queued) != 0 || Volatile.Read(ref worker._stopping), Spinning.HandOff);

    protected override void AwaitDependencies(ScheduledOp op)
    {
        foreach (Event other in op.Waits)
        {
            other.Wait();
        }
    }

    protected override void Run(ScheduledOp op) => CpuKernelRunner.Run(op.Launch);
}
