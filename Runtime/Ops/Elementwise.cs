using Tandem.Memory;

namespace Tandem.Ops;

/// <summary>The element-wise ops: check the arguments, allocate the result, queue the kernel.</summary>
internal static class Elementwise
{
    public static Array<T> Binary<T>(KernelFamily family, Array<T> a, Array<T> b, StreamOrDevice stream) where T : unmanaged
    {
        BinaryLauncher<T> launch = family.For<T, BinaryLauncher<T>>();
        OpArguments.RequireSameShape(a, b, family.Op);
        var result = new Array<T>(a.ShapeSpan, BufferContents.Undefined);
        try
        {
            launch(result.Length, a, b, result, stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public static Array<T> WithScalar<T>(KernelFamily family, Array<T> a, T b, StreamOrDevice stream) where T : unmanaged
    {
        ScalarBinaryLauncher<T> launch = family.For<T, ScalarBinaryLauncher<T>>();
        OpArguments.RequireUsable(a, family.Op, nameof(a));
        var result = new Array<T>(a.ShapeSpan, BufferContents.Undefined);
        try
        {
            launch(result.Length, b, a, result, stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public static Array<T> Unary<T>(KernelFamily family, Array<T> x, StreamOrDevice stream) where T : unmanaged
    {
        UnaryLauncher<T> launch = family.For<T, UnaryLauncher<T>>();
        OpArguments.RequireUsable(x, family.Op, nameof(x));
        var result = new Array<T>(x.ShapeSpan, BufferContents.Undefined);
        try
        {
            launch(result.Length, x, result, stream);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}
