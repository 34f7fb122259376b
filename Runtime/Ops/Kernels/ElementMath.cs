namespace Tandem.Ops.Kernels;

/// <summary>
/// Helpers the generated element-wise kernels call (a kernel may call static methods of its compilation): what one
/// expression cannot say, spelled once so that both devices compute exactly C#'s result.
/// </summary>
internal static class ElementMath
{
    /// <summary>x to the power n by squaring; wraps on overflow; a negative n gives 0 unless x is 1 or -1.</summary>
    public static int Power(int x, int n)
    {
        if (n < 0)
        {
            return x == 1 ? 1 : x == -1 ? ((n & 1) == 0 ? 1 : -1) : 0;
        }

        int result = 1;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= x;
            }

            x *= x;
            n >>= 1;
        }

        return result;
    }

    /// <summary>x to the power n by squaring; wraps on overflow.</summary>
    public static uint Power(uint x, uint n)
    {
        uint result = 1;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= x;
            }

            x *= x;
            n >>= 1;
        }

        return result;
    }

    /// <summary>x to the power n by squaring; wraps on overflow; a negative n gives 0 unless x is 1 or -1.</summary>
    public static long Power(long x, long n)
    {
        if (n < 0)
        {
            return x == 1 ? 1 : x == -1 ? ((n & 1) == 0 ? 1 : -1) : 0;
        }

        long result = 1;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= x;
            }

            x *= x;
            n >>= 1;
        }

        return result;
    }

    // .NET converts floating point to int and uint truncating toward zero and saturating, NaN giving 0; a GPU's own
    // conversion of an out-of-range value is undefined, so the range is checked first.

    /// <summary>(int)x as .NET computes it.</summary>
    public static int SaturateToInt32(float x) => float.IsNaN(x) ? 0 : x >= 2147483648f ? int.MaxValue : x <= -2147483648f ? int.MinValue : (int)x;

    /// <summary>(int)x as .NET computes it.</summary>
    public static int SaturateToInt32(double x) => double.IsNaN(x) ? 0 : x >= 2147483648.0 ? int.MaxValue : x <= -2147483649.0 ? int.MinValue : (int)x;

    /// <summary>(uint)x as .NET computes it.</summary>
    public static uint SaturateToUInt32(float x) => !(x >= 1f) ? 0u : x >= 4294967296f ? uint.MaxValue : (uint)x;

    /// <summary>(uint)x as .NET computes it.</summary>
    public static uint SaturateToUInt32(double x) => !(x >= 1.0) ? 0u : x >= 4294967296.0 ? uint.MaxValue : (uint)x;
}
