using System;
using System.Globalization;
using Tandem.Memory;
using Tandem.Scheduling;

namespace Tandem.CompilerServices;

/// <summary>
/// How arrays reach a kernel's buffer parameters. A parameter sees the array's elements from its first one on, as
/// one span: a row-contiguous array whose first byte a device can bind is bound in place (the whole rule is
/// <see cref="CanBindInPlace"/>); any other array read through a <c>ReadOnlySpan</c> gets a contiguous copy made on
/// the launch's stream; one written through a <c>Span</c> is refused, since writes to a copy would be lost.
/// </summary>
internal static class ViewBinding
{
    /// <summary>
    /// Every buffer starts on this boundary (<see cref="MemoryAllocator.Alignment"/> bytes), and each device's own
    /// binding alignment divides it: a view that starts on it binds in place on any device.
    /// </summary>
    public const int UniversalAlignment = MemoryAllocator.Alignment;

    /// <summary>
    /// True when <paramref name="array"/> can be bound in place on a device whose buffer bindings must start at
    /// multiples of <paramref name="alignment"/> bytes (the CPU: 1; a Vulkan GPU: its
    /// <c>minStorageBufferOffsetAlignment</c>).
    /// </summary>
    public static bool CanBindInPlace(UnifiedArray array, int alignment)
        => array.IsRowContiguous && StartsOnAlignment(array, alignment);

    /// <summary>
    /// True when <paramref name="array"/>'s first element starts at a multiple of <paramref name="alignment"/> bytes
    /// into its buffer: whatever its strides, a row-contiguous view from that element (such as a dense array's flat
    /// element range) binds in place.
    /// </summary>
    public static bool StartsOnAlignment(UnifiedArray array, int alignment) => (long)array.Offset * array.ElementSize % alignment == 0;

    /// <summary>
    /// The arrays a launch on <paramref name="target"/> binds: <paramref name="requested"/> itself when every array
    /// binds in place, else a copy of it with contiguous copies (queued on <paramref name="target"/> now) in place of
    /// the read-only views that do not. The caller disposes <paramref name="copies"/> once the launch is queued.
    /// </summary>
    /// <exception cref="ArgumentException">A written parameter is given an array that cannot be bound in place.</exception>
    public static UnifiedArray[] Bind(KernelDescriptor kernel, UnifiedArray[] requested, DeviceStream target, out UnifiedArray[]? copies)
    {
        int alignment = target.Executor.BufferOffsetAlignment;
        copies = null;
        UnifiedArray[] bound = requested;
        for (int i = 0; i < requested.Length; i++)
        {
            UnifiedArray array = requested[i];
            if (CanBindInPlace(array, alignment))
            {
                continue;
            }

            KernelBufferInfo parameter = kernel.Buffers[i];
            if (parameter.Writes)
            {
                DisposeAll(copies);
                throw new ArgumentException(RefusalMessage(kernel, parameter, array, alignment, target), parameter.Name);
            }

            if (ReferenceEquals(bound, requested))
            {
                bound = (UnifiedArray[])requested.Clone();
                copies = new UnifiedArray[requested.Length];
            }

            try
            {
                copies![i] = array.CopyContiguous(target);
            }
            catch
            {
                DisposeAll(copies);
                throw;
            }

            bound[i] = copies[i];
        }

        return bound;
    }

    /// <summary>Disposes the copies <see cref="Bind"/> made (null entries and a null array are skipped).</summary>
    public static void DisposeAll(UnifiedArray[]? copies)
    {
        if (copies is null)
        {
            return;
        }

        foreach (UnifiedArray? copy in copies)
        {
            copy?.Dispose();
        }
    }

    private static string RefusalMessage(KernelDescriptor kernel, KernelBufferInfo parameter, UnifiedArray array, int alignment, DeviceStream target)
    {
        string what = array.IsRowContiguous
            ? string.Create(CultureInfo.InvariantCulture,
                $"a view that starts {(long)array.Offset * array.ElementSize} bytes into its buffer, but {target.Device.ShortName} binds buffers only at multiples of {alignment} bytes")
            : $"not row-major (a view, or an element-wise result that kept its operands' transposed layout: shape {UnifiedArray.FormatShape(array.ShapeSpan)}, "
                + $"strides {UnifiedArray.FormatShape(array.Layout.Strides)})";
        return $"Kernel '{kernel.Name}' writes '{parameter.Name}', and the array passed is {what}. A kernel writes only an array it can "
            + "bind in place (a copy would lose the writes): pass Mx.Contiguous(array, stream), a new row-major array, and copy the results "
            + "where you need them.";
    }
}
