using System;

namespace Tandem.Ops;

/// <summary>
/// The kernels of one op, one per element type it supports (null where it supports none): float, double, int.
/// </summary>
/// <param name="Op">The op's name, for messages: <c>Add</c> for <c>Mx.Add</c>.</param>
/// <param name="ForFloat">The float kernel's launcher.</param>
/// <param name="ForDouble">The double kernel's launcher.</param>
/// <param name="ForInt">The int kernel's launcher, or null.</param>
internal sealed record KernelFamily(string Op, Delegate ForFloat, Delegate ForDouble, Delegate? ForInt)
{
    /// <summary>The launcher for <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">The op has no kernel for <typeparamref name="T"/>.</exception>
    public TLauncher For<T, TLauncher>() where T : unmanaged where TLauncher : Delegate
    {
        Delegate? chosen = typeof(T) == typeof(float) ? ForFloat
            : typeof(T) == typeof(double) ? ForDouble
            : typeof(T) == typeof(int) ? ForInt
            : null;
        if (chosen is null)
        {
            string supported = ForInt is null ? "float32 and float64" : "float32, float64 and int32";
            throw new NotSupportedException(
                $"Mx.{Op} does not support {ArrayFormatter.DtypeName(typeof(T))} arrays; it supports {supported}.");
        }

        return (TLauncher)chosen;
    }
}
