namespace Tandem.Abi;

/// <summary>
/// The names of the constants the generator writes into each kernel's descriptor class (the file-local class named
/// <see cref="KernelAbi.DescriptorClassPrefix"/> + the method's name). The build-time shader compiler reads them from
/// the compiled assembly's metadata, without loading it, to compile every kernel's HLSL and to report a shader the
/// compiler rejects at the kernel's declaration.
/// </summary>
internal static class DescriptorConstants
{
    /// <summary>The complete HLSL source of the kernel's compute shader (a string).</summary>
    public const string Hlsl = nameof(Hlsl);

    /// <summary>The kernel's display name, <c>Type.Method</c> (a string).</summary>
    public const string KernelName = nameof(KernelName);

    /// <summary>The entry point's name in the HLSL (a string).</summary>
    public const string EntryPoint = nameof(EntryPoint);

    /// <summary>The wide entry point's name (a string); absent when the kernel has none.</summary>
    public const string WideEntryPoint = nameof(WideEntryPoint);

    /// <summary>The path of the file that declares the kernel method, after the compilation's path map (a string).</summary>
    public const string SourcePath = nameof(SourcePath);

    /// <summary>The 1-based line of the kernel method's name in <see cref="SourcePath"/> (an int).</summary>
    public const string SourceLine = nameof(SourceLine);

    /// <summary>The 1-based column of the kernel method's name in <see cref="SourcePath"/> (an int).</summary>
    public const string SourceColumn = nameof(SourceColumn);
}
