namespace Tandem.ShaderBuild;

/// <summary>One kernel's shader as the generator recorded it in the compiled assembly.</summary>
/// <param name="Name">The kernel's display name, <c>Type.Method</c>.</param>
/// <param name="Hlsl">The shader's HLSL.</param>
/// <param name="EntryPoints">The entry points the runtime may launch.</param>
/// <param name="SourcePath">The file that declares the kernel; null when the generator recorded none.</param>
/// <param name="Line">The 1-based line of the kernel method's name.</param>
/// <param name="Column">The 1-based column of the kernel method's name.</param>
internal sealed record KernelShader(string Name, string Hlsl, string[] EntryPoints, string? SourcePath, int Line, int Column);
