using System.Collections.Generic;
using System.Linq;

namespace Tandem.Generator.Model;

/// <summary>
/// The System.BitConverter methods a kernel may call: each reinterprets a value's bits as another type of the same
/// size (<see cref="MathFunction.BitCast"/>), which the lowering, the C# writers and the diagnostics all name from here.
/// </summary>
internal static class BitConversions
{
    /// <summary>Method name to (argument type, result type).</summary>
    public static readonly IReadOnlyDictionary<string, (ScalarType From, ScalarType To)> Methods = new Dictionary<string, (ScalarType, ScalarType)>
    {
        ["SingleToInt32Bits"] = (ScalarType.Float, ScalarType.Int),
        ["SingleToUInt32Bits"] = (ScalarType.Float, ScalarType.UInt),
        ["Int32BitsToSingle"] = (ScalarType.Int, ScalarType.Float),
        ["UInt32BitsToSingle"] = (ScalarType.UInt, ScalarType.Float),
        ["Int64BitsToDouble"] = (ScalarType.Long, ScalarType.Double),
        ["UInt64BitsToDouble"] = (ScalarType.ULong, ScalarType.Double),
    };

    /// <summary>
    /// What to do instead of any other BitConverter call. A double's bits cannot be read on the GPU: glslc's HLSL front
    /// end (shaderc 2023.2) has no <c>asuint(double, out uint, out uint)</c>, and its <c>asuint(double)</c> converts to
    /// float first; so DoubleToInt64Bits and DoubleToUInt64Bits are refused rather than compiled to wrong bits.
    /// </summary>
    public static readonly string Fix = "call BitConverter " + string.Join(", ", Methods.Keys)
        + " (a double's bits cannot be read on the GPU: keep them in a long or ulong span)";

    /// <summary>The BitConverter method that reinterprets <paramref name="from"/> as <paramref name="to"/>.</summary>
    public static string MethodName(ScalarType from, ScalarType to) => Methods.First(m => m.Value == (from, to)).Key;
}
