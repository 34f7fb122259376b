using System;

namespace Tandem.Ops.Reduction;

/// <summary>
/// What a reduction's kernels read: the input itself, through its strides, when its axes merge into the
/// <see cref="ReductionGeometry"/> the kernels take (transposes, slices and broadcasts usually do), else a row-major
/// copy with the reduced axes last. Dispose it once the kernels are queued.
/// </summary>
internal sealed class ReductionInput<T> : IDisposable where T : unmanaged
{
    private readonly Array<T>? _copy;

    private ReductionInput(Array<T> array, ReductionGeometry geometry, Array<T>? copy)
    {
        Array = array;
        Geometry = geometry;
        _copy = copy;
    }

    /// <summary>The array the kernels read.</summary>
    public Array<T> Array { get; }

    /// <summary>Where in <see cref="Array"/>'s buffer each run lies.</summary>
    public ReductionGeometry Geometry { get; }

    /// <summary>The input of reducing <paramref name="a"/> over <paramref name="axes"/>, copied on <paramref name="stream"/> if need be.</summary>
    public static ReductionInput<T> Of(Array<T> a, ReductionAxes axes, DeviceStream stream)
    {
        if (ReductionGeometry.TryCreate(a.Layout, axes.Reduced) is { } geometry)
        {
            return new ReductionInput<T>(a, geometry, null);
        }

        using Array<T> permuted = a.View(a.Layout.Permute(axes.KeptThenReduced()));
        Array<T> copy = Copy.Contiguous(permuted, stream);
        return new ReductionInput<T>(copy, ReductionGeometry.OfRows(axes.Outputs, axes.Length, copy.Offset), copy);
    }

    /// <inheritdoc />
    public void Dispose() => _copy?.Dispose();
}
