using Microsoft.CodeAnalysis;

namespace Tandem.Generator;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: docs/diagnostics.md lists each with an example and the fix.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Tandem.Kernel";

    /// <summary>
    /// docs/diagnostics.md in the repository, whose address is <c>RepositoryUrl</c> in Directory.Build.props (passed to
    /// this assembly as metadata, so the address lives in one place). Declared before the descriptors that use it.
    /// </summary>
    internal static readonly string DiagnosticsPage = RepositoryUrl().TrimEnd('/') + "/blob/main/docs/diagnostics.md";

    /// <summary>The absolute address of the explanation of diagnostic <paramref name="id"/>: its anchor in docs/diagnostics.md.</summary>
    internal static string HelpLink(string id) => DiagnosticsPage + "#" + id.ToLowerInvariant();

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static string RepositoryUrl()
    {
        foreach (var attribute in typeof(DiagnosticDescriptors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), inherit: false))
        {
            if (attribute is System.Reflection.AssemblyMetadataAttribute { Key: "RepositoryUrl", Value: { Length: > 0 } url })
            {
                return url;
            }
        }

        throw new System.InvalidOperationException("The generator was built without RepositoryUrl (Directory.Build.props)");
    }

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "TK0001", "Kernel's containing type must be partial",
        "Type '{0}' contains the kernel '{1}' and must be declared 'partial' (with every type around it), so Tandem can add the launcher");

    public static readonly DiagnosticDescriptor MethodNotStatic = Error(
        "TK0002", "Kernel must be static",
        "Kernel '{0}' must be 'static': a kernel has no instance to run on");

    public static readonly DiagnosticDescriptor BadThreadIndex = Error(
        "TK0003", "Kernel needs a thread index first",
        "Kernel '{0}' must take its thread index as the first parameter: 'int', 'Tandem.Index2D' or 'Tandem.Index3D' (found {1})");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "TK0004", "Unsupported kernel parameter",
        "Parameter '{0}' of type '{1}' is not supported: use ReadOnlySpan<T> or Span<T> of float, double, Half, int, uint, long, ulong or a System.Numerics vector, or a scalar of those types or bool, passed by value");

    public static readonly DiagnosticDescriptor WriteToReadOnlySpan = Error(
        "TK0005", "Kernel writes a ReadOnlySpan",
        "Kernel writes to '{0}', a ReadOnlySpan<T>: declare it as Span<T> to write it");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        "TK0006", "Statement not supported in a kernel",
        "{0} is not supported in a kernel: {1}");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
        "TK0007", "Expression not supported in a kernel",
        "{0} is not supported in a kernel: {1}");

    public static readonly DiagnosticDescriptor UnsupportedCall = Error(
        "TK0008", "Method call not supported in a kernel",
        "Call to '{0}' is not supported in a kernel: {1}");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "TK0009", "Type not supported in a kernel",
        "Type '{0}' is not supported in a kernel: use float, double, Half, int, uint, long, ulong, bool or a System.Numerics vector");

    public static readonly DiagnosticDescriptor GenericKernel = Error(
        "TK0010", "Kernel must not be generic",
        "Kernel '{0}' must not be generic nor in a generic type: write one kernel per element type");

    public static readonly DiagnosticDescriptor NonVoidKernel = Error(
        "TK0011", "Kernel must return void",
        "Kernel '{0}' must return void: write results into a Span<T> parameter");

    public static readonly DiagnosticDescriptor CheckedArithmetic = Error(
        "TK0012", "Checked arithmetic not supported",
        "'checked' arithmetic is not supported in a kernel (a GPU cannot throw): kernels use unchecked wrap-around like C#'s default");

    public static readonly DiagnosticDescriptor InvalidGroupSize = Error(
        "TK0013", "Invalid thread-group size",
        "Thread-group size of kernel '{0}' is invalid: {1}");

    public static readonly DiagnosticDescriptor TooManyUniforms = Error(
        "TK0014", "Too many kernel parameters",
        "Kernel '{0}' needs {1} bytes of uniforms (scalars and one length per span), more than the " + Abi.KernelAbi.MaxBlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + " every Vulkan device offers: pass fewer scalars or pack them into a span");

    public static readonly DiagnosticDescriptor LoweringNotSupported = Error(
        "TK0015", "Expression with side effects in a loop header",
        "{0}: this expression reads a buffer or has side effects inside a short-circuit or conditional operator, which is not supported here; compute it in the loop body instead");

    public static readonly DiagnosticDescriptor DuplicateKernelName = Error(
        "TK0016", "Kernel overloads not supported",
        "Type '{0}' has more than one kernel named '{1}': give each kernel its own name");

    public static readonly DiagnosticDescriptor DoublePrecisionOnGpu = new(
        "TK0017", "Double-precision function runs in single precision on the GPU",
        "'{0}' on double is computed in single precision on the GPU (Vulkan has no 64-bit {0}); the CPU version is exact",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("TK0017"));

    public static readonly DiagnosticDescriptor BufferMisuse = Error(
        "TK0018", "Span used other than by indexing",
        "Span '{0}' can only be indexed ('{0}[i]') or asked for its Length in a kernel");

    public static readonly DiagnosticDescriptor StaticField = Error(
        "TK0019", "Static field used in a kernel",
        "Field '{0}' is not a constant: kernels can read 'const' fields only; pass the value as a parameter");

    public static readonly DiagnosticDescriptor ReservedParameterName = Error(
        "TK0020", "Reserved parameter name",
        "Parameter name '{0}' is reserved for the generated launcher: rename the parameter");

    public static readonly DiagnosticDescriptor NotVectorized = new(
        "TK0021", "Kernel's CPU version is not vectorized",
        "The CPU version of kernel '{0}' runs as a scalar loop: {1}",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLink("TK0021"));

    public static readonly DiagnosticDescriptor RecursiveCall = Error(
        "TK0022", "Recursive call in a kernel",
        "'{0}' is called recursively ({1}): a GPU has no call stack; rewrite the recursion as a loop");

    public static readonly DiagnosticDescriptor CalleeWithoutSource = Error(
        "TK0023", "Called method has no source",
        "'{0}' cannot run in a kernel: its source is not in this compilation, so it cannot be translated to HLSL; {1}");

    public static readonly DiagnosticDescriptor UnsupportedHelper = Error(
        "TK0024", "Method cannot be called from a kernel",
        "'{0}' cannot be called from a kernel: {1}");

    public static readonly DiagnosticDescriptor NonUniformBarrier = Error(
        "TK0025", "Barrier in control flow that threads may leave",
        "Group.Barrier() {0}: every thread of a group must reach each barrier; {1}");

    public static readonly DiagnosticDescriptor InvalidSharedArray = Error(
        "TK0026", "Invalid group-shared array",
        "Group-shared memory {0}: {1}");

    public static readonly DiagnosticDescriptor UnsupportedAtomic = Error(
        "TK0027", "Unsupported atomic operation",
        "'{0}' is not supported in a kernel: {1}");

    public static readonly DiagnosticDescriptor UnsupportedWaveOperation = Error(
        "TK0028", "Unsupported wave operation",
        "'{0}' of {1} is not supported in a kernel: {2}");

    /// <summary>Reported on user code outside kernels (Analyzers/ElementTypeAnalyzer), hence a category of its own.</summary>
    public static readonly DiagnosticDescriptor UnsupportedElementType = new(
        "TK0200", "Unsupported array element type",
        "'{0}' is not an element type Tandem arrays support (in '{1}'): use " + Tandem.Abi.ElementTypes.CSharpList,
        "Tandem.Usage", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("TK0200"));
}
