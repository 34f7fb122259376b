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
internal sealed record BufferSpec(string Name, ScalarType ElementType, bool Writable, int Binding, bool IndexedByThreadIndex);

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

/// <summary>Why the CPU version of a kernel is a scalar loop instead of a SIMD loop; null when it is vectorized.</summary>
internal sealed record ScalarReason(string Text);

/// <summary>Everything the emitters need to print one kernel: the equatable model of a <c>[Kernel]</c> method.</summary>
internal sealed record KernelSpec(
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
    bool UsesDouble,
    string? NotVectorizedReason)
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
