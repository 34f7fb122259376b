namespace Tandem.Abi;

/// <summary>
/// The element types a Tandem array supports: one list, compiled into the generator (whose analyzer reports any other
/// type named as an array's element type at compile time, TK0200) and the runtime (whose ops say the same when generic
/// code reaches them with another type at run time).
/// </summary>
internal static class ElementTypes
{
    /// <summary>The types every array op takes, by metadata name, in the order messages list them.</summary>
    public static readonly string[] OpTypes =
        ["System.Single", "System.Double", "System.Half", "System.Int32", "System.UInt32", "System.Int64", "System.Byte", "System.Boolean"];

    /// <summary>The further types arrays hold for kernels (a kernel's span may have them), by metadata name.</summary>
    public static readonly string[] KernelOnlyTypes = ["System.UInt64", "System.Numerics.Vector2", "System.Numerics.Vector3", "System.Numerics.Vector4"];

    /// <summary>The types every array op takes, by their dtype names: <c>float32, …, uint8 and bool</c>.</summary>
    public const string OpDtypeList = "float32, float64, float16, int32, uint32, int64, uint8 and bool";

    /// <summary>Every supported type as C# spells it, for messages that say what to use instead.</summary>
    public const string CSharpList =
        "float, double, Half, int, uint, long, byte or bool (every op), or ulong, Vector2, Vector3 or Vector4 (for kernels)";

    /// <summary>Whether arrays support the type of this metadata name (<c>Namespace.Name</c>).</summary>
    public static bool IsSupported(string metadataName) =>
        System.Array.IndexOf(OpTypes, metadataName) >= 0 || System.Array.IndexOf(KernelOnlyTypes, metadataName) >= 0;
}
