using Tandem.CompilerServices;

namespace Tandem.Ops;

/// <summary>
/// Element-wise results that keep their operands' layout, as NumPy, torch and MLX give them: when every array operand
/// has the result's shape and all share one dense layout that is not row-major (<c>a.T + b.T</c>, <c>Exp(a.T)</c>, a
/// permutation of a 3-D array), the result gets those strides over a new buffer, and the contiguous kernel runs over
/// each operand's flat element range: one pass in memory order instead of the strided kernel (or a copy first).
/// </summary>
internal static class KeptLayout
{
    /// <summary>
    /// The layout the result of an element-wise op on <paramref name="first"/> (and <paramref name="second"/>, a binary
    /// op's other array) takes on <paramref name="target"/>, or null when the op runs as for any other layouts and gives a
    /// row-major result: an operand is row-major (the usual case, decided by the first operand's flag alone), the
    /// operands differ in shape or strides, the layout is not dense, or an operand's first element is off the device's
    /// binding alignment.
    /// </summary>
    public static ArrayLayout? Of(DeviceStream target, UnifiedArray first, UnifiedArray? second = null)
    {
        ArrayLayout layout = first.Layout;
        if (layout.IsRowContiguous || !layout.IsDense)
        {
            return null;
        }

        int alignment = target.Executor.BufferOffsetAlignment;
        if (!ViewBinding.StartsOnAlignment(first, alignment))
        {
            return null;
        }

        if (second is not null && (!layout.SameStrides(second.Layout) || !ViewBinding.StartsOnAlignment(second, alignment)))
        {
            return null;
        }

        return layout.Rebased();
    }

    /// <summary>
    /// A dense array's elements as a 1-D row-major view in buffer order (a new hold on its buffer: dispose it once the
    /// launch that binds it is queued).
    /// </summary>
    public static Array<T> Flat<T>(Array<T> array) where T : unmanaged => array.View(array.Layout.FlatRange());
}
