namespace Tandem.Generator.Model;

/// <summary>The value types a kernel computes with.</summary>
internal enum ScalarType
{
    Bool,
    Int,
    UInt,
    Float,
    Double,

    /// <summary><c>long</c>: <c>uint64_t</c> in HLSL, since glslc's HLSL front end has no signed 64-bit type.</summary>
    Long,

    /// <summary><c>ulong</c>: <c>uint64_t</c> in HLSL.</summary>
    ULong,

    /// <summary>
    /// <c>System.Half</c>: its 16 bits in a <c>uint</c> in HLSL (a 16-bit element in a buffer); arithmetic converts to
    /// float and back, as .NET's Half operators do.
    /// </summary>
    Half,

    /// <summary><c>System.Numerics.Vector2</c>: <c>float2</c> in HLSL.</summary>
    Float2,

    /// <summary><c>System.Numerics.Vector3</c>: <c>float3</c> in HLSL; 12 bytes in a buffer, as in .NET.</summary>
    Float3,

    /// <summary><c>System.Numerics.Vector4</c>: <c>float4</c> in HLSL.</summary>
    Float4,

    /// <summary>The result of a helper method that returns nothing.</summary>
    Void,
}

internal static class ScalarTypeExtensions
{
    public static string CSharpName(this ScalarType type) => type switch
    {
        ScalarType.Bool => "bool",
        ScalarType.Int => "int",
        ScalarType.UInt => "uint",
        ScalarType.Float => "float",
        ScalarType.Double => "double",
        ScalarType.Long => "long",
        ScalarType.ULong => "ulong",
        ScalarType.Half => "global::System.Half",
        ScalarType.Float2 => "global::System.Numerics.Vector2",
        ScalarType.Float3 => "global::System.Numerics.Vector3",
        ScalarType.Float4 => "global::System.Numerics.Vector4",
        ScalarType.Void => "void",
        _ => "?",
    };

    public static string HlslName(this ScalarType type) => type switch
    {
        ScalarType.Bool => "bool",
        ScalarType.Int => "int",
        ScalarType.UInt => "uint",
        ScalarType.Float => "float",
        ScalarType.Double => "double",
        ScalarType.Long or ScalarType.ULong => "uint64_t",
        ScalarType.Half => "uint",
        ScalarType.Float2 => "float2",
        ScalarType.Float3 => "float3",
        ScalarType.Float4 => "float4",
        ScalarType.Void => "void",
        _ => "?",
    };

    /// <summary>
    /// Size in bytes in a buffer (as in .NET) or the uniform block (a <c>bool</c> uniform travels as a 32-bit int; see
    /// <see cref="UniformSize"/> for Half).
    /// </summary>
    public static int Size(this ScalarType type) => type switch
    {
        ScalarType.Double or ScalarType.Long or ScalarType.ULong => 8,
        ScalarType.Half => 2,
        ScalarType.Float2 => 8,
        ScalarType.Float3 => 12,
        ScalarType.Float4 => 16,
        _ => 4,
    };

    /// <summary>
    /// Size in bytes in the uniform block and in group-shared memory: a Half travels as a 32-bit uint there, so the push
    /// constants and shared arrays need no 16-bit storage feature.
    /// </summary>
    public static int UniformSize(this ScalarType type) => type == ScalarType.Half ? 4 : type.Size();

    /// <summary>The number of float components of a vector type; 1 for a scalar.</summary>
    public static int Components(this ScalarType type) => type switch
    {
        ScalarType.Float2 => 2,
        ScalarType.Float3 => 3,
        ScalarType.Float4 => 4,
        _ => 1,
    };

    public static bool IsVector(this ScalarType type) => type is ScalarType.Float2 or ScalarType.Float3 or ScalarType.Float4;

    public static bool IsFloatingPoint(this ScalarType type) => type is ScalarType.Float or ScalarType.Double;

    public static bool IsInteger(this ScalarType type) => type is ScalarType.Int or ScalarType.UInt or ScalarType.Long or ScalarType.ULong;

    public static bool Is64BitInteger(this ScalarType type) => type is ScalarType.Long or ScalarType.ULong;
}
