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
            }

            while (batch.TryDequeue(out ScheduledOp? op))
            {
                Execute(op);
                op.ReleaseBuffers();
                _timeline.Signal(op.Completion.Value);
            }
        }
    }

    protected override void AwaitDependencies(ScheduledOp op)
    {
        foreach (Event other in op.Plan.Waits)
        {
            other.Wait();
        }
    }

    protected override void Run(ScheduledOp op) => CpuKernelRunner.Run(op.Launch);
}
