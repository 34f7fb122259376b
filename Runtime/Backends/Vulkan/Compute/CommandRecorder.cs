using System;
using System.Collections.Generic;
using System.Globalization;
using Silk.NET.Vulkan;
using Tandem.Abi;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Tandem.Backends.Vulkan.Compute;

// Tandem.Device (the public device type) would otherwise hide Vulkan's device handle here.
using Device = Silk.NET.Vulkan.Device;

/// <summary>
/// Records GPU work for one <see cref="VulkanQueue"/>: dispatches and copies go into a command buffer, submitted as a
/// batch that signals the recorder's <see cref="Timeline"/> semaphore with the value the caller names (a GPU stream
/// names the sequence number of the batch's last op), so <c>Timeline.Value</c> tells which batches completed. A batch
/// can wait for values of other timeline semaphores (another recorder's, or one signalled from the host). Command
/// buffers (and descriptor pools) of completed batches are recycled.
/// </summary>
/// <remarks>
/// Thread-safety: recording and <see cref="Submit"/> belong to one thread at a time (a GPU stream's worker).
/// <see cref="Timeline"/>, <see cref="CompletedValue"/>, <see cref="Wait"/> and <see cref="SubmittedValue"/> may be
/// used from any thread. Recorders sharing a queue are fine: the queue serializes submissions.
/// Ordering: commands of one batch start in order but may overlap; pass <c>barrierBefore: true</c> to a
/// command that depends on an earlier one of the same batch. Batches of one recorder are ordered by the queue's
/// submission order only for starting; every batch begins with a barrier against the previous batches of this
/// recorder, so memory written by one batch is seen by the next.
/// </remarks>
internal sealed unsafe class CommandRecorder : IDisposable
{
    private const PipelineStageFlags WorkStages = PipelineStageFlags.ComputeShaderBit | PipelineStageFlags.TransferBit;
    private const AccessFlags WorkWrites = AccessFlags.ShaderWriteBit | AccessFlags.TransferWriteBit;
    private const AccessFlags WorkAccess = AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit |
                                           AccessFlags.TransferReadBit | AccessFlags.TransferWriteBit;

    private readonly VulkanContext _context;
    private readonly Vk _vk;
    private readonly CommandPool _commandPool;
    private readonly Queue<Batch> _inFlight = new();
    private readonly Stack<Batch> _free = new();
    private readonly List<VkSemaphore> _waitSemaphores = [];
    private readonly List<ulong> _waitValues = [];
    private Batch? _recording;
    private ulong _submitted;
    private bool _disposed;

    internal CommandRecorder(VulkanContext context, VulkanQueue queue)
    {
        _context = context;
        _vk = context.Api;
        Queue = queue;
        var poolInfo = new CommandPoolCreateInfo
        {
            SType = StructureType.CommandPoolCreateInfo,
            Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
            QueueFamilyIndex = (uint)queue.FamilyIndex,
        };
        CommandPool pool;
        VkCheck.Success(_vk.CreateCommandPool(context.Device, &poolInfo, null, &pool), "vkCreateCommandPool");
        _commandPool = pool;
        Timeline = context.CreateTimelineSemaphore(0);
    }

    public VulkanQueue Queue { get; }

    /// <summary>The semaphore each batch signals: its value is that of the last completed batch.</summary>
    public TimelineSemaphore Timeline { get; }

    /// <summary>The value the last submitted batch signals when it completes (0 before the first).</summary>
    public ulong SubmittedValue => System.Threading.Volatile.Read(ref _submitted);

    /// <summary>The value of the last completed batch.</summary>
    public ulong CompletedValue => Timeline.Value;

    /// <summary>How many batches are submitted and not yet known to be complete.</summary>
    public int BatchesInFlight => _inFlight.Count;

    /// <summary>The <c>vkCmdPushConstants</c> recorded so far: a dispatch that repeats the last constants of its pipeline records none.</summary>
    public long ConstantPushes { get; private set; }

    /// <summary>Records a dispatch of a 1D, 2D or 3D kernel over <paramref name="extent"/>.</summary>
    /// <param name="pipeline">The kernel.</param>
    /// <param name="rank">The rank of its thread index (1D kernels fold into Y past the group-count limit).</param>
    /// <param name="extent">Threads along each axis.</param>
    /// <param name="buffers">Its buffers in binding order.</param>
    /// <param name="uniforms">The uniform block; this method fills its header and buffer lengths.</param>
    /// <param name="barrierBefore">True when this dispatch depends on an earlier command of the same batch.</param>
    /// <param name="elementsPerThread">Consecutive elements each thread handles (1D only; see <see cref="DispatchGrid"/>).</param>
    public void Dispatch(ComputePipeline pipeline, int rank, Index3D extent, ReadOnlySpan<BufferBinding> buffers,
        ReadOnlySpan<byte> uniforms, bool barrierBefore = false, int elementsPerThread = 1)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        DispatchGrid grid = DispatchGrid.Compute(rank, extent, pipeline.GroupSize, _context.Info.Limits.MaxComputeWorkGroupCount, elementsPerThread);
        Dispatch(pipeline, grid, buffers, uniforms, barrierBefore);
    }

    /// <summary>Records a dispatch with a precomputed grid; see the other overload.</summary>
    public void Dispatch(ComputePipeline pipeline, in DispatchGrid grid, ReadOnlySpan<BufferBinding> buffers,
        ReadOnlySpan<byte> uniforms, bool barrierBefore = false)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffers.Length != pipeline.BindingCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Kernel '{pipeline.EntryPoint}' takes {pipeline.BindingCount} buffers; {buffers.Length} were given."), nameof(buffers));
        }

        if (uniforms.Length > pipeline.PushConstantSize)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Kernel '{pipeline.EntryPoint}' has a {pipeline.PushConstantSize}-byte uniform block; {uniforms.Length} bytes were given."), nameof(uniforms));
        }

        DescriptorBufferInfo* infos = stackalloc DescriptorBufferInfo[Math.Max(1, buffers.Length)];
        int* lengths = stackalloc int[Math.Max(1, buffers.Length)];
        for (int i = 0; i < buffers.Length; i++)
        {
            infos[i] = Describe(buffers[i], i, pipeline);
            lengths[i] = buffers[i].ElementCount;
        }

        if (grid.IsEmpty)
        {
            return;
        }

        Span<byte> block = stackalloc byte[pipeline.PushConstantSize];
        block.Clear();
        uniforms.CopyTo(block);
        if (pipeline.PushConstantSize >= KernelAbi.ScalarsOffset(buffers.Length))
        {
            UniformHeader.Write(block, grid, new ReadOnlySpan<int>(lengths, buffers.Length));
        }

        Batch batch = BeginRecording();
        CommandBuffer cb = batch.CommandBuffer;
        if (barrierBefore)
        {
            WorkBarrier(cb);
        }

        // A chain of launches of one kernel (often on the same buffers, with the same sizes and scalars) binds and
        // pushes once: every driver call left out is host time a GPU stream's worker spends per op.
        if (!ReferenceEquals(batch.BoundPipeline, pipeline))
        {
            _vk.CmdBindPipeline(cb, PipelineBindPoint.Compute, pipeline.Handle);
            batch.Bound(pipeline);
        }

        if (!batch.HasBound(infos, buffers.Length))
        {
            BindBuffers(batch, pipeline, infos, buffers.Length);
            batch.RememberBound(infos, buffers.Length);
        }

        if (pipeline.PushConstantSize > 0 && !batch.HasPushed(block))
        {
            fixed (byte* p = block)
            {
                _vk.CmdPushConstants(cb, pipeline.Layout, ShaderStageFlags.ComputeBit, 0, (uint)block.Length, p);
            }

            batch.RememberPushed(block);
            ConstantPushes++;
        }

        Index3D maxGroups = _context.Info.Limits.MaxComputeWorkGroupCount;
        if (grid.FitsOneDispatch(maxGroups))
        {
            _vk.CmdDispatch(cb, (uint)grid.Groups.X, (uint)grid.Groups.Y, (uint)grid.Groups.Z);
        }
        else
        {
            // Pipelines are created with VK_PIPELINE_CREATE_DISPATCH_BASE_BIT: the base offsets the group ids, so every
            // chunk computes the thread indices of the one large dispatch.
            foreach ((Index3D first, Index3D count) in grid.Chunks(maxGroups))
            {
                _vk.CmdDispatchBase(cb, (uint)first.X, (uint)first.Y, (uint)first.Z, (uint)count.X, (uint)count.Y, (uint)count.Z);
            }
        }

        batch.CommandCount++;
    }

    /// <summary>Records a buffer-to-buffer copy (e.g. staging ↔ device-local).</summary>
    public void Copy(VulkanBuffer source, ulong sourceOffset, VulkanBuffer destination, ulong destinationOffset, ulong size, bool barrierBefore = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sourceOffset + size > source.Size || destinationOffset + size > destination.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The copy reaches past the end of a buffer.");
        }

        if (size == 0)
        {
            return;
        }

        Batch batch = BeginRecording();
        if (barrierBefore)
        {
            WorkBarrier(batch.CommandBuffer);
        }

        var region = new BufferCopy(sourceOffset, destinationOffset, size);
        _vk.CmdCopyBuffer(batch.CommandBuffer, source.Handle, destination.Handle, 1, &region);
        batch.CommandCount++;
    }

    /// <summary>
    /// Records a fill of <paramref name="size"/> bytes at <paramref name="offset"/> with the 32-bit
    /// <paramref name="value"/> (<c>vkCmdFillBuffer</c>); offset and size are multiples of 4.
    /// </summary>
    public void Fill(VulkanBuffer buffer, ulong offset, ulong size, uint value, bool barrierBefore = false)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (offset % 4 != 0 || size % 4 != 0 || offset + size > buffer.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, string.Create(CultureInfo.InvariantCulture,
                $"A fill of {size} bytes at {offset} must use multiples of 4 within the {buffer.Size}-byte buffer."));
        }

        if (size == 0)
        {
            return;
        }

        Batch batch = BeginRecording();
        if (barrierBefore)
        {
            WorkBarrier(batch.CommandBuffer);
        }

        _vk.CmdFillBuffer(batch.CommandBuffer, buffer.Handle, offset, size, value);
        batch.CommandCount++;
    }

    /// <summary>Records a reset of every query of <paramref name="queries"/>, before this batch writes any of them.</summary>
    public void ResetQueries(TimestampQueries queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        Batch batch = BeginRecording();
        _vk.CmdResetQueryPool(batch.CommandBuffer, queries.Handle, 0, (uint)queries.Count);
    }

    /// <summary>
    /// Records a write of the device's clock into query <paramref name="index"/>: when the commands recorded before it
    /// start (<paramref name="afterWork"/> false) or finish (true).
    /// </summary>
    public void WriteTimestamp(TimestampQueries queries, int index, bool afterWork)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, queries.Count);
        Batch batch = BeginRecording();
        _vk.CmdWriteTimestamp(batch.CommandBuffer, afterWork ? PipelineStageFlags.BottomOfPipeBit : PipelineStageFlags.TopOfPipeBit,
            queries.Handle, (uint)index);
    }

    /// <summary>Makes the next submitted batch wait until <paramref name="semaphore"/> reaches <paramref name="value"/>.</summary>
    public void WaitFor(TimelineSemaphore semaphore, ulong value)
    {
        ArgumentNullException.ThrowIfNull(semaphore);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (semaphore == Timeline)
        {
            return; // own batches are ordered already
        }

        int existing = _waitSemaphores.IndexOf(semaphore.Handle);
        if (existing >= 0)
        {
            _waitValues[existing] = Math.Max(_waitValues[existing], value);
            return;
        }

        _waitSemaphores.Add(semaphore.Handle);
        _waitValues.Add(value);
    }

    /// <summary>Makes the next batch wait for another stream's batch <paramref name="value"/>.</summary>
    public void WaitFor(CommandRecorder other, ulong value)
    {
        ArgumentNullException.ThrowIfNull(other);
        WaitFor(other.Timeline, value);
    }

    /// <summary>
    /// Submits what was recorded (possibly nothing: the batch then only waits and signals) as one batch that
    /// signals <paramref name="signalValue"/>. The runtime's GPU streams signal the sequence number of the batch's
    /// last op, so one semaphore value per op needs no translation.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not greater than the last one signalled.</exception>
    /// <exception cref="VulkanDeviceLostException">The device was lost.</exception>
    public ulong Submit(ulong signalValue)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(signalValue, _submitted);
        ulong value = signalValue;
        Batch? batch = _recording;
        if (batch is not null)
        {
            // Make this batch's writes visible to the host (mapped reads after a timeline wait).
            var toHost = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = WorkWrites, DstAccessMask = AccessFlags.HostReadBit };
            _vk.CmdPipelineBarrier(batch.CommandBuffer, WorkStages, PipelineStageFlags.HostBit, 0, 1, &toHost, 0, null, 0, null);
            VkCheck.Success(_vk.EndCommandBuffer(batch.CommandBuffer), "vkEndCommandBuffer");
        }

        int waitCount = _waitSemaphores.Count;
        VkSemaphore* waits = stackalloc VkSemaphore[Math.Max(1, waitCount)];
        ulong* values = stackalloc ulong[Math.Max(1, waitCount)];
        PipelineStageFlags* stages = stackalloc PipelineStageFlags[Math.Max(1, waitCount)];
        for (int i = 0; i < waitCount; i++)
        {
            waits[i] = _waitSemaphores[i];
            values[i] = _waitValues[i];
            stages[i] = WorkStages;
        }

        VkSemaphore signal = Timeline.Handle;
        var timelineInfo = new TimelineSemaphoreSubmitInfo
        {
            SType = StructureType.TimelineSemaphoreSubmitInfo,
            WaitSemaphoreValueCount = (uint)waitCount,
            PWaitSemaphoreValues = values,
            SignalSemaphoreValueCount = 1,
            PSignalSemaphoreValues = &value,
        };
        CommandBuffer cb = batch?.CommandBuffer ?? default;
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            PNext = &timelineInfo,
            WaitSemaphoreCount = (uint)waitCount,
            PWaitSemaphores = waits,
            PWaitDstStageMask = stages,
            CommandBufferCount = batch is null ? 0u : 1u,
            PCommandBuffers = &cb,
            SignalSemaphoreCount = 1,
            PSignalSemaphores = &signal,
        };

        try
        {
            Queue.Submit(&submit, 1, this);
        }
        catch
        {
            // The batch never ran: its command buffer can be reused, and the next batch owes its waits nothing.
            Discard();
            throw;
        }

        _waitSemaphores.Clear();
        _waitValues.Clear();
        _recording = null;
        if (batch is not null)
        {
            batch.Value = value;
            _inFlight.Enqueue(batch);
        }

        System.Threading.Volatile.Write(ref _submitted, value);
        return value;
    }

    /// <summary>
    /// Drops what was recorded since the last <see cref="Submit"/>, and the waits named for it: that batch will never
    /// run (its ops failed because the device was lost before they could be submitted). Kept, it would run with the next
    /// <see cref="Submit"/> — of whichever stream uses this recorder next — on memory freed and reused meanwhile.
    /// </summary>
    public void Discard()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Batch? batch = _recording;
        _recording = null;
        if (batch is not null)
        {
            // Reset before its next use (vkResetCommandBuffer accepts a buffer still recording, or never submitted).
            _free.Push(batch);
        }

        _waitSemaphores.Clear();
        _waitValues.Clear();
    }

    /// <summary>Blocks until batch <paramref name="value"/> of this stream has completed.</summary>
    /// <returns>False on timeout.</returns>
    /// <exception cref="InvalidOperationException">The value was never submitted (waiting would hang).</exception>
    /// <exception cref="VulkanDeviceLostException">The device was lost.</exception>
    public bool Wait(ulong value, TimeSpan? timeout = null)
    {
        if (value > SubmittedValue)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Batch {value} of this recorder has not been submitted (last submitted: {SubmittedValue}); call Submit first."));
        }

        return Timeline.Wait(value, timeout);
    }

    private DescriptorBufferInfo Describe(in BufferBinding binding, int index, ComputePipeline pipeline)
    {
        DeviceLimits limits = _context.Info.Limits;
        VulkanBuffer buffer = binding.Buffer ?? throw new ArgumentException($"Buffer {index} of kernel '{pipeline.EntryPoint}' is null.", nameof(binding));
        ulong range = binding.ByteLength == 0 ? Math.Min(4, buffer.Size - Math.Min(binding.Offset, buffer.Size)) : binding.ByteLength;
        if (binding.Offset + range > buffer.Size || range == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(binding), string.Create(CultureInfo.InvariantCulture,
                $"Buffer {index} of kernel '{pipeline.EntryPoint}': bytes [{binding.Offset}, {binding.Offset + range}) lie outside its {buffer.Size}-byte buffer."));
        }

        if (limits.MinStorageBufferOffsetAlignment > 1 && binding.Offset % limits.MinStorageBufferOffsetAlignment != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Buffer {index} of kernel '{pipeline.EntryPoint}': offset {binding.Offset} is not a multiple of {limits.MinStorageBufferOffsetAlignment}."));
        }

        if (range > limits.MaxStorageBufferRange)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Buffer {index} of kernel '{pipeline.EntryPoint}' is {range} bytes; the device '{_context.Info.Name}' binds at most {limits.MaxStorageBufferRange} bytes per buffer."));
        }

        return new DescriptorBufferInfo(buffer.Handle, binding.Offset, range);
    }

    private void BindBuffers(Batch batch, ComputePipeline pipeline, DescriptorBufferInfo* infos, int count)
    {
        if (count == 0)
        {
            return;
        }

        WriteDescriptorSet* writes = stackalloc WriteDescriptorSet[count];
        DescriptorSet set = pipeline.UsesPushDescriptors ? default : batch.AllocateSet(pipeline.SetLayout, count);
        for (int i = 0; i < count; i++)
        {
            writes[i] = new WriteDescriptorSet
            {
                SType = StructureType.WriteDescriptorSet,
                DstSet = set,
                DstBinding = (uint)i,
                DescriptorCount = 1,
                DescriptorType = DescriptorType.StorageBuffer,
                PBufferInfo = &infos[i],
            };
        }

        if (pipeline.UsesPushDescriptors)
        {
            _context.PushDescriptor.Push(batch.CommandBuffer, pipeline.Layout, 0, (uint)count, writes);
        }
        else
        {
            _vk.UpdateDescriptorSets(_context.Device, (uint)count, writes, 0, null);
            _vk.CmdBindDescriptorSets(batch.CommandBuffer, PipelineBindPoint.Compute, pipeline.Layout, 0, 1, &set, 0, null);
        }
    }

    private void WorkBarrier(CommandBuffer cb)
    {
        var barrier = new MemoryBarrier { SType = StructureType.MemoryBarrier, SrcAccessMask = WorkWrites, DstAccessMask = WorkAccess };
        _vk.CmdPipelineBarrier(cb, WorkStages, WorkStages, 0, 1, &barrier, 0, null, 0, null);
    }

    private Batch BeginRecording()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_recording is not null)
        {
            return _recording;
        }

        Recycle();
        Batch batch = _free.Count > 0 ? _free.Pop() : new Batch(_context, _commandPool);
        batch.Reset();
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        VkCheck.Success(_vk.BeginCommandBuffer(batch.CommandBuffer, &begin), "vkBeginCommandBuffer");

        // Order against this stream's earlier batches (they may still run) and against host writes that
        // happened before a host-signalled semaphore this batch waits for.
        var barrier = new MemoryBarrier
        {
            SType = StructureType.MemoryBarrier,
            SrcAccessMask = WorkWrites | AccessFlags.HostWriteBit,
            DstAccessMask = WorkAccess,
        };
        _vk.CmdPipelineBarrier(batch.CommandBuffer, WorkStages | PipelineStageFlags.HostBit, WorkStages, 0, 1, &barrier, 0, null, 0, null);
        _recording = batch;
        return batch;
    }

    /// <summary>Moves completed batches to the free list.</summary>
    private void Recycle()
    {
        if (_inFlight.Count == 0)
        {
            return;
        }

        ulong completed = Timeline.Value;
        while (_inFlight.Count > 0 && _inFlight.Peek().Value <= completed)
        {
            _free.Push(_inFlight.Dequeue());
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_submitted > 0)
            {
                _ = Timeline.Wait(_submitted, TimeSpan.FromSeconds(30));
            }
        }
        catch (VulkanException)
        {
            // A lost device: free the objects anyway.
        }

        _recording?.Destroy();
        foreach (Batch b in _inFlight)
        {
            b.Destroy();
        }

        foreach (Batch b in _free)
        {
            b.Destroy();
        }

        _vk.DestroyCommandPool(_context.Device, _commandPool, null);
        Timeline.Dispose();
    }

    /// <summary>One command buffer and, without push descriptors, the descriptor pools its sets come from.</summary>
    private sealed class Batch
    {
        private const int SetsPerPool = 64;
        private const int BuffersPerPool = SetsPerPool * 8;
        private readonly VulkanContext _context;
        private readonly CommandPool _commandPool;
        private readonly List<DescriptorPool> _pools = [];
        private int _currentPool;

        public Batch(VulkanContext context, CommandPool commandPool)
        {
            _context = context;
            _commandPool = commandPool;
            var info = new CommandBufferAllocateInfo
            {
                SType = StructureType.CommandBufferAllocateInfo,
                CommandPool = commandPool,
                Level = CommandBufferLevel.Primary,
                CommandBufferCount = 1,
            };
            CommandBuffer cb;
            VkCheck.Success(context.Api.AllocateCommandBuffers(context.Device, &info, &cb), "vkAllocateCommandBuffers");
            CommandBuffer = cb;
        }

        public CommandBuffer CommandBuffer { get; }

        public ulong Value { get; set; }

        public int CommandCount { get; set; }

        /// <summary>The pipeline bound last in this command buffer, null when none.</summary>
        public ComputePipeline? BoundPipeline { get; private set; }

        /// <summary>How many buffers <see cref="HasBound"/> compares against; -1 when nothing is bound.</summary>
        public int BoundBufferCount { get; private set; } = -1;

        private DescriptorBufferInfo[] _boundBuffers = [];

        /// <summary>True when exactly these buffers are bound for <see cref="BoundPipeline"/>.</summary>
        public bool HasBound(DescriptorBufferInfo* infos, int count)
        {
            if (BoundBufferCount != count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (_boundBuffers[i].Buffer.Handle != infos[i].Buffer.Handle || _boundBuffers[i].Offset != infos[i].Offset || _boundBuffers[i].Range != infos[i].Range)
                {
                    return false;
                }
            }

            return true;
        }

        public void RememberBound(DescriptorBufferInfo* infos, int count)
        {
            if (_boundBuffers.Length < count)
            {
                _boundBuffers = new DescriptorBufferInfo[count];
            }

            new ReadOnlySpan<DescriptorBufferInfo>(infos, count).CopyTo(_boundBuffers);
            BoundBufferCount = count;
        }

        // The push constants last recorded for BoundPipeline (their first _pushedLength bytes); -1: none since it was bound.
        private byte[] _pushed = [];
        private int _pushedLength = -1;

        /// <summary>True when <paramref name="block"/> is what was pushed last for <see cref="BoundPipeline"/>.</summary>
        public bool HasPushed(ReadOnlySpan<byte> block)
            => _pushedLength == block.Length && block.SequenceEqual(_pushed.AsSpan(0, _pushedLength));

        public void RememberPushed(ReadOnlySpan<byte> block)
        {
            if (_pushed.Length < block.Length)
            {
                _pushed = new byte[block.Length];
            }

            block.CopyTo(_pushed);
            _pushedLength = block.Length;
        }

        /// <summary>
        /// Notes that <paramref name="pipeline"/> is bound now (null: nothing, as in a new command buffer): the buffers
        /// and constants recorded for the one before count no more, as another pipeline's layout may leave them undefined.
        /// </summary>
        public void Bound(ComputePipeline? pipeline)
        {
            BoundPipeline = pipeline;
            BoundBufferCount = -1;
            _pushedLength = -1;
        }

        public void Reset()
        {
            Bound(null);
            VkCheck.Success(_context.Api.ResetCommandBuffer(CommandBuffer, 0), "vkResetCommandBuffer");
            foreach (DescriptorPool pool in _pools)
            {
                VkCheck.Success(_context.Api.ResetDescriptorPool(_context.Device, pool, 0), "vkResetDescriptorPool");
            }

            _currentPool = 0;
            CommandCount = 0;
            Value = 0;
        }

        public DescriptorSet AllocateSet(DescriptorSetLayout layout, int bufferCount)
        {
            while (true)
            {
                if (_currentPool == _pools.Count)
                {
                    _pools.Add(CreatePool(Math.Max(BuffersPerPool, bufferCount)));
                }

                DescriptorPool pool = _pools[_currentPool];
                var info = new DescriptorSetAllocateInfo
                {
                    SType = StructureType.DescriptorSetAllocateInfo,
                    DescriptorPool = pool,
                    DescriptorSetCount = 1,
                    PSetLayouts = &layout,
                };
                DescriptorSet set;
                Result result = _context.Api.AllocateDescriptorSets(_context.Device, &info, &set);
                if (result == Result.Success)
                {
                    return set;
                }

                if (result is not (Result.ErrorOutOfPoolMemory or Result.ErrorFragmentedPool))
                {
                    VkCheck.Throw(result, "vkAllocateDescriptorSets");
                }

                _currentPool++;
            }
        }

        private DescriptorPool CreatePool(int buffers)
        {
            var size = new DescriptorPoolSize(DescriptorType.StorageBuffer, (uint)buffers);
            var info = new DescriptorPoolCreateInfo
            {
                SType = StructureType.DescriptorPoolCreateInfo,
                MaxSets = SetsPerPool,
                PoolSizeCount = 1,
                PPoolSizes = &size,
            };
            DescriptorPool pool;
            VkCheck.Success(_context.Api.CreateDescriptorPool(_context.Device, &info, null, &pool), "vkCreateDescriptorPool");
            return pool;
        }

        public void Destroy()
        {
            foreach (DescriptorPool pool in _pools)
            {
                _context.Api.DestroyDescriptorPool(_context.Device, pool, null);
            }

            _pools.Clear();
            CommandBuffer cb = CommandBuffer;
            _context.Api.FreeCommandBuffers(_context.Device, _commandPool, 1, &cb);
        }
    }
}
