using System;

namespace Tandem.Ops;

/// <summary>Argument checks shared by the ops, with messages that name the op and say what to fix.</summary>
internal static class OpArguments
{
    /// <summary>Throws when <paramref name="array"/> is null or disposed.</summary>
    public static void RequireUsable(UnifiedArray? array, string op, string parameter)
    {
        if (array is null)
        {
            throw new ArgumentNullException(parameter, $"Mx.{op}: '{parameter}' is null.");
        }

        if (array.IsDisposed)
        {
            throw new ObjectDisposedException(array.DisplayName, $"Mx.{op}: '{parameter}' was disposed.");
        }
    }

    /// <summary>Throws unless both arrays are usable and have the same shape.</summary>
    public static void RequireSameShape(UnifiedArray? a, UnifiedArray? b, string op)
    {
        RequireUsable(a, op, nameof(a));
        RequireUsable(b, op, nameof(b));
        if (!a!.ShapeSpan.SequenceEqual(b!.ShapeSpan))
        {
            throw new ArgumentException(
                $"Mx.{op}: the shapes {UnifiedArray.FormatShape(a.ShapeSpan)} and {UnifiedArray.FormatShape(b.ShapeSpan)} differ; "
                + "pass arrays of one shape.", nameof(b));
        }
    }
}
