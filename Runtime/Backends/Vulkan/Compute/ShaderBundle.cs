using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// The SPIR-V of an assembly's kernels, compiled when the assembly was built: a manifest resource of the assembly
/// named <see cref="ResourceName"/>, or, for an assembly that could not be rewritten (strong-name signed), the file
/// <c>&lt;AssemblyName&gt;.spirv</c> beside it. Written by the build-time shader compiler (<c>tools/ShaderBuild</c>),
/// read by the runtime.
/// </summary>
/// <remarks>
/// Layout (little-endian): the magic <c>TANDSPVB</c>; a format version (int32); the identity of the compiler that made
/// the modules, or an empty string when the build found none (a length-prefixed UTF-8 string, as
/// <see cref="BinaryWriter"/> writes it); the module count (int32); per module, ordered by key, the key
/// (<see cref="ShaderCompiler.PortableKey"/> of the HLSL and entry point: a string) and the SPIR-V (int32 length,
/// bytes); last, the SHA-256 of everything before it. A file whose magic, version or hash does not match is refused
/// whole: the runtime then compiles at run time, as for an assembly built without the step.
/// </remarks>
internal sealed class ShaderBundle
{
    /// <summary>The bundle's file name is the assembly's simple name plus this.</summary>
    public const string FileExtension = ".spirv";

    /// <summary>The name of the manifest resource that carries an assembly's bundle.</summary>
    public const string ResourceName = "Tandem.Shaders" + FileExtension;

    private const int FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "TANDSPVB"u8;

    private readonly Dictionary<string, byte[]> _modules;

    public ShaderBundle(string compilerIdentity, IReadOnlyDictionary<string, byte[]> modules)
    {
        ArgumentNullException.ThrowIfNull(compilerIdentity);
        ArgumentNullException.ThrowIfNull(modules);
        CompilerIdentity = compilerIdentity;
        _modules = new Dictionary<string, byte[]>(modules, StringComparer.Ordinal);
    }

    /// <summary>The compiler the build ran (path and version); empty when the build found none and compiled nothing.</summary>
    public string CompilerIdentity { get; }

    /// <summary>How many modules the bundle holds.</summary>
    public int Count => _modules.Count;

    /// <summary>The bundle file of the assembly named <paramref name="assemblyName"/> in <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, string assemblyName) => Path.Combine(directory, assemblyName + FileExtension);

    /// <summary>The SPIR-V of <paramref name="entryPoint"/> in <paramref name="hlsl"/>, if the build compiled it.</summary>
    public bool TryGet(string hlsl, string entryPoint, out byte[] code) =>
        _modules.TryGetValue(ShaderCompiler.PortableKey(hlsl, entryPoint), out code!);

    /// <summary>The file's bytes: the same modules always give the same bytes, so an unchanged bundle is not rewritten.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(CompilerIdentity);
            writer.Write(_modules.Count);
            foreach (KeyValuePair<string, byte[]> module in _modules.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                writer.Write(module.Key);
                writer.Write(module.Value.Length);
                writer.Write(module.Value);
            }
        }

        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return buffer.ToArray();
    }

    /// <summary>Reads a bundle file.</summary>
    /// <returns>The bundle; null when the file does not exist.</returns>
    /// <exception cref="InvalidDataException">The file is not a bundle of this format, or is damaged.</exception>
    public static ShaderBundle? Read(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return Read(file, $"'{path}'");
    }

    /// <summary>Reads a bundle from its bytes.</summary>
    /// <param name="bytes">The bundle, as <see cref="ToBytes"/> wrote it.</param>
    /// <param name="origin">Where the bytes come from, for the messages (a quoted path, or the resource and its assembly).</param>
    /// <exception cref="InvalidDataException">The bytes are not a bundle of this format, or are damaged.</exception>
    public static ShaderBundle Read(byte[] bytes, string origin)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        const int HashSize = 32;
        if (bytes.Length < Magic.Length + HashSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
        {
            throw new InvalidDataException($"{origin} is not a Tandem shader bundle, or it is damaged (its checksum does not match).");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, bytes.Length - Magic.Length - HashSize), Encoding.UTF8);
        int version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{origin} is a shader bundle of format {version}; this runtime reads format {FormatVersion}. Rebuild the assembly with this version of Tandem.");
        }

        string identity = reader.ReadString();
        int count = reader.ReadInt32();
        var modules = new Dictionary<string, byte[]>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString();
            modules[key] = reader.ReadBytes(reader.ReadInt32());
        }

        return new ShaderBundle(identity, modules);
    }
}
