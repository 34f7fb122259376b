using System;

namespace Tandem.CompilerServices;

/// <summary>Checks a launch's arguments at the call, with messages that say what to fix.</summary>
internal static class LaunchValidator
{
    /// <summary>Validates the launch and returns its extent with the axes beyond the kernel's rank set to 1.</summary>
    public static Index3D Validate(KernelDescriptor kernel, Index3D extent, ReadOnlySpan<UnifiedArray> buffers,
        ReadOnlySpan<byte> uniforms)
    {
        Index3D normalized = NormalizeExtent(kernel, extent);
        if (buffers.Length != kernel.Buffers.Count)
        {
            throw new ArgumentException(
                $"Kernel '{kernel.Name}' takes {kernel.Buffers.Count} arrays but {buffers.Length} were passed.", nameof(buffers));
        }

        if (uniforms.Length != kernel.UniformByteSize)
        {
            throw new ArgumentException(
                $"Kernel '{kernel.Name}' needs a uniform block of {kernel.UniformByteSize} bytes but got {uniforms.Length}.", nameof(uniforms));
        }

        for (int i = 0; i < buffers.Length; i++)
        {
            ValidateBuffer(kernel, kernel.Buffers[i], buffers[i], normalized);
        }

        return normalized;
    }

    private static Index3D NormalizeExtent(KernelDescriptor kernel, Index3D extent)
    {
        ThrowIfNegative(kernel, extent.X, "X");
        if (kernel.Rank >= 2)
        {
            ThrowIfNegative(kernel, extent.Y, "Y");
        }

        if (kernel.Rank == 3)
        {
            ThrowIfNegative(kernel, extent.Z, "Z");
            if ((long)extent.Y * extent.Z > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(extent),
                    $"Kernel '{kernel.Name}': extent {extent} has more than {int.MaxValue} rows (Y * Z).");
            }
        }

        var normalized = new Index3D(extent.X, kernel.Rank >= 2 ? extent.Y : 1, kernel.Rank == 3 ? extent.Z : 1);
        if (kernel.UsesGroups && (normalized.X % kernel.GroupSize.X != 0 || normalized.Y % kernel.GroupSize.Y != 0 || normalized.Z % kernel.GroupSize.Z != 0))
        {
            // Every thread of a group must reach each barrier, so a group kernel runs whole groups only.
            throw new ArgumentException(
                $"Kernel '{kernel.Name}' uses thread groups of {FormatSize(kernel)}: its extent {FormatExtent(kernel, normalized)} must be a multiple "
                + "of the group size along each axis. Round the extent up and skip the extra threads' work with an 'if' inside the kernel "
                + "(not a 'return' before a barrier).", nameof(extent));
        }

        return normalized;
    }

    private static string FormatSize(KernelDescriptor kernel) => kernel.Rank switch
    {
        1 => kernel.GroupSize.X.ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => $"({kernel.GroupSize.X}, {kernel.GroupSize.Y})",
        _ => $"({kernel.GroupSize.X}, {kernel.GroupSize.Y}, {kernel.GroupSize.Z})",
    };

    private static string FormatExtent(KernelDescriptor kernel, Index3D extent) => kernel.Rank switch
    {
        1 => extent.X.ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => $"({extent.X}, {extent.Y})",
        _ => $"({extent.X}, {extent.Y}, {extent.Z})",
    };

    private static void ThrowIfNegative(KernelDescriptor kernel, int value, string axis)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException("extent", value,
                $"Kernel '{kernel.Name}': the extent along {axis} is {value}; it must be zero or more.");
        }
    }

    private static void ValidateBuffer(KernelDescriptor kernel, KernelBufferInfo parameter, UnifiedArray? array, Index3D extent)
    {
        if (array is null)
        {
            throw new ArgumentNullException(parameter.Name, $"Kernel '{kernel.Name}': the array for '{parameter.Name}' is null.");
        }

        if (array.IsDisposed)
        {
            throw new ObjectDisposedException(array.GetType().Name,
                $"Kernel '{kernel.Name}': the array for '{parameter.Name}' was disposed.");
        }

        if (array.ElementSize != parameter.ElementSize)
        {
            throw new ArgumentException(
                $"Kernel '{kernel.Name}': '{parameter.Name}' has {parameter.ElementSize}-byte elements but the array passed has "
                + $"{array.ElementSize}-byte elements ({ArrayFormatter.DtypeName(array.ElementType)}).", parameter.Name);
        }

        if (kernel.Rank == 1 && parameter.IndexedByThreadIndex && extent.X > array.Length)
        {
            throw new ArgumentException(
                $"Kernel '{kernel.Name}': extent {extent.X} is larger than the length {array.Length} of '{parameter.Name}', "
                + $"which the kernel indexes by the thread index. Pass an extent of at most {array.Length} or a longer array.",
                parameter.Name);
        }
    }
}
