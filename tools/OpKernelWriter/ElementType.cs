using System.Collections.Generic;

namespace Tandem.OpKernelWriter;

/// <summary>What kind of number an element type holds, which decides how ops spell their expressions.</summary>
public enum NumberKind
{
    /// <summary>IEEE floating point.</summary>
    Float,

    /// <summary>Two's complement signed integer.</summary>
    Signed,

    /// <summary>Unsigned integer.</summary>
    Unsigned,

    /// <summary><see cref="bool"/>.</summary>
    Bool,
}

/// <summary>An element type the built-in kernels cover.</summary>
/// <param name="Name">The name in kernel method names: <c>Float32</c> in <c>AddKernels.Float32Strided</c>.</param>
/// <param name="CSharp">The C# keyword or type name.</param>
/// <param name="Dtype">The NumPy/MLX name, for documentation.</param>
/// <param name="Kind">What kind of number it holds.</param>
/// <param name="Size">Bytes per element.</param>
public sealed record ElementType(string Name, string CSharp, string Dtype, NumberKind Kind, int Size)
{
    public static readonly ElementType Float = new("Float32", "float", "float32", NumberKind.Float, 4);
    public static readonly ElementType Double = new("Float64", "double", "float64", NumberKind.Float, 8);
    public static readonly ElementType Half = new("Float16", "Half", "float16", NumberKind.Float, 2);
    public static readonly ElementType Int = new("Int32", "int", "int32", NumberKind.Signed, 4);
    public static readonly ElementType UInt = new("UInt32", "uint", "uint32", NumberKind.Unsigned, 4);
    public static readonly ElementType Long = new("Int64", "long", "int64", NumberKind.Signed, 8);
    public static readonly ElementType Byte = new("UInt8", "byte", "uint8", NumberKind.Unsigned, 1);
    public static readonly ElementType Bool = new("Bool", "bool", "bool", NumberKind.Bool, 1);

    /// <summary>Every element type, in the order documentation lists them.</summary>
    public static readonly IReadOnlyList<ElementType> All = [Float, Double, Half, Int, UInt, Long, Byte, Bool];

    /// <summary>The floating-point types (what the math functions take).</summary>
    public static readonly IReadOnlyList<ElementType> Floats = [Float, Double, Half];

    /// <summary>The types arithmetic takes.</summary>
    public static readonly IReadOnlyList<ElementType> Numeric = [Float, Double, Half, Int, UInt, Long, Byte];

    public bool IsFloat => Kind == NumberKind.Float;

    public bool IsInteger => Kind is NumberKind.Signed or NumberKind.Unsigned;

    /// <summary>
    /// The type kernels compute this one in: itself, or for the 1-byte types (which kernel spans cannot hold yet) a
    /// uint per element, which the runtime widens to before the op and packs back after it.
    /// </summary>
    public ElementType Stored => Size == 1 ? UInt : this;

    /// <summary>True when kernels are written for this type (it is stored as itself).</summary>
    public bool HasKernels => Stored == this;

    /// <summary>The literal <paramref name="value"/> of this type.</summary>
    public string Literal(int value) => Kind switch
    {
        NumberKind.Float when this == Half => value switch { 0 => "Half.Zero", 1 => "Half.One", -1 => "Half.NegativeOne", _ => $"(Half){value}f" },
        NumberKind.Float when this == Float => $"{value}f",
        NumberKind.Float => $"{value}.0",
        NumberKind.Unsigned => $"{value}u",
        NumberKind.Signed when this == Long => $"{value}L",
        _ => $"{value}",
    };

    public override string ToString() => CSharp;
}
