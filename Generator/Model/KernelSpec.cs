namespace Tandem.Generator.Model;

/// <summary>A scalar (uniform) parameter of a kernel.</summary>
/// <param name="Name">The parameter name in C#.</param>
/// <param name="Type">Its type.</param>
/// <param name="Offset">Its byte offset in the uniform block.</param>
internal sealed record UniformSpec(string Name, ScalarType Type, int Offset);

/// <summary>A span parameter of a kernel.</summary>
/// <param name="Name">The parameter name in C#.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="Writable">True for <c>Span&lt;T&gt;</c>, false for <c>ReadOnlySpan&lt;T&gt;</c>.</param>
/// <param name="Binding">Its binding slot: its position among the buffers.</param>
/// <param name="IndexedByThreadIndex">True when every access is <c>buffer[i]</c> with <c>i</c> the unmodified 1D index.</param>
/// <param name="Read">False for a <c>Span&lt;T&gt;</c> the kernel never reads (see <see cref="Analysis.BufferReads"/>).</param>
/// <remarks>Lowering declares it (not indexed by the thread index, read); the analysis sets the last two.</remarks>
internal sealed record BufferSpec(string Name, ScalarType ElementType, bool Writable, int Binding, bool IndexedByThreadIndex = false, bool Read = true);

/// <summary>One parameter of the kernel method, in declaration order.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Kind">Index, buffer or uniform.</param>
internal sealed record ParameterSpec(string Name, ParameterKind Kind);

internal enum ParameterKind
{
    ThreadIndex,
    Buffer,
    Uniform,
}

/// <summary>The partial type (and the types around it) the generated code goes into.</summary>
/// <param name="Keyword">class, struct, record, record struct or interface.</param>
/// <param name="Name">The name with its type parameter list, if any.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

/// <summary>A by-value, <c>ref</c>, <c>out</c> or <c>in</c> scalar or vector parameter of a helper method.</summary>
internal sealed record HelperParameterSpec(string Name, ScalarType Type, PassingMode Kind);

/// <summary>
/// A static method a kernel calls, printed as an HLSL function before the entry point. A helper with span parameters
/// is instantiated once per combination of the buffers (or group-shared arrays) passed to them, since HLSL buffers
/// are globals: <paramref name="Name"/> names the instance and its body indexes those globals directly.
/// </summary>
/// <param name="Name">The HLSL function's name, unique in the shader.</param>
/// <param name="CSharpName">The method's fully qualified name, for generated C# that calls it.</param>
/// <param name="ReturnType">Its return type, <see cref="ScalarType.Void"/> for none.</param>
/// <param name="Parameters">Its scalar and vector parameters (span parameters are bound, not passed).</param>
/// <param name="Body">Its body.</param>
internal sealed record HelperSpec(string Name, string CSharpName, ScalarType ReturnType, EquatableArray<HelperParameterSpec> Parameters, BlockStmt Body);

/// <summary><c>Span&lt;T&gt; name = Group.Shared&lt;T&gt;(Length)</c>: an array shared by the threads of a group.</summary>
internal sealed record SharedArraySpec(string Name, ScalarType ElementType, int Length);

/// <summary>Where a kernel is declared: what a build step reports a shader the compiler rejects at.</summary>
/// <param name="Path">The file, after the compilation's path map.</param>
/// <param name="Line">The 1-based line of the method's name.</param>
/// <param name="Column">The 1-based column of the method's name.</param>
internal sealed record SourceSpot(string Path, int Line, int Column);

/// <summary>
/// A <c>[Kernel]</c> method lowered to the kernel IR: what the method declares (its types, parameters, buffers,
/// uniforms, group size) and its body and helpers, plus what only lowering sees: <c>SpanArguments</c>, the buffers
/// passed to helpers (their accesses are not all visible in the kernel body), and <c>ScalarReason</c>, why the CPU
/// version cannot be a SIMD loop when lowering already knows (helper calls, atomics, groups, vectors). Equatable and
/// free of source offsets: the pipeline's first step.
/// </summary>
internal sealed record LoweredKernel(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string MethodName,
    string Accessibility,
    int Rank,
    int GroupSizeX,
    int GroupSizeY,
    int GroupSizeZ,
    EquatableArray<ParameterSpec> Parameters,
    EquatableArray<BufferSpec> Buffers,
    EquatableArray<UniformSpec> Uniforms,
    int UniformByteSize,
    string ThreadIndexName,
    BlockStmt Body,
    RequiredFeatures Features,
    EquatableArray<HelperSpec> Helpers,
    EquatableArray<SharedArraySpec> SharedArrays,
    bool UsesGroups,
    EquatableArray<string> SpanArguments,
    string? ScalarReason,
    SourceSpot? Source)
{
    /// <summary>The display name, <c>Type.Method</c>, that errors and descriptors use.</summary>
    public string DisplayName => ContainingTypes[ContainingTypes.Count - 1].Name + "." + MethodName;

    /// <summary>A file-name-safe unique hint for the generated source.</summary>
    public string HintName
    {
        get
        {
            var typePath = string.Join(".", System.Linq.Enumerable.Select(ContainingTypes, t => t.Name));
            var raw = (Namespace is null ? string.Empty : Namespace + ".") + typePath + "." + MethodName;
            var chars = raw.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (!char.IsLetterOrDigit(chars[i]) && chars[i] != '.' && chars[i] != '_')
                {
                    chars[i] = '_';
                }
            }

            return new string(chars) + ".g.cs";
        }
    }
}

/// <summary>Everything the emitters print one kernel from: the lowered kernel and the plan the analysis made for it.</summary>
internal sealed record KernelSpec(LoweredKernel Lowered, Analysis.KernelPlan Plan);
