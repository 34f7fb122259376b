using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.PortableExecutable;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Tandem.ShaderBuild;

/// <summary>
/// Adds a manifest resource to a compiled assembly, in place, with Mono.Cecil: the assembly's symbols (a portable PDB
/// beside it, or one embedded in it) are read and written again so that debugging keeps working, and the module id is
/// derived from the content, so the same input always gives the same bytes (deterministic builds stay deterministic).
/// </summary>
/// <remarks>
/// The files are replaced by moves of complete temporary files, so an interrupted build never leaves half an
/// assembly. A strong-name signature would not survive the rewrite (Cecil cannot sign on .NET), so a signed assembly
/// is refused; its caller leaves the bundle beside it instead.
/// </remarks>
internal static class ResourceEmbedder
{
    /// <summary>Embeds <paramref name="content"/> as the resource <paramref name="resourceName"/>, replacing one of that name.</summary>
    /// <param name="assemblyPath">The assembly to rewrite.</param>
    /// <param name="resourceName">The resource's name.</param>
    /// <param name="content">The resource's bytes.</param>
    /// <param name="references">
    /// The assemblies it was compiled against: writing a constant of an enum type declared in one of them needs its
    /// underlying type.
    /// </param>
    /// <returns>false when the assembly already carried exactly this resource and was left untouched.</returns>
    /// <exception cref="InvalidOperationException">The assembly is strong-name signed.</exception>
    public static bool Embed(string assemblyPath, string resourceName, byte[] content, IEnumerable<string> references)
    {
        if (IsStrongNameSigned(assemblyPath))
        {
            throw new InvalidOperationException("it is strong-name signed, and adding a resource would invalidate its signature");
        }

        using var resolver = new DefaultAssemblyResolver();
        foreach (string directory in references.Select(Path.GetDirectoryName).Append(Path.GetDirectoryName(Path.GetFullPath(assemblyPath))).Distinct(StringComparer.Ordinal).OfType<string>())
        {
            resolver.AddSearchDirectory(directory);
        }

        var reading = new ReaderParameters
        {
            AssemblyResolver = resolver,
            // Deferred: writing then reads the module without resolving custom attributes' arguments, which would
            // need every referenced assembly; the raw attribute blobs are copied as they are.
            ReadingMode = ReadingMode.Deferred,
            InMemory = true, // the files are replaced below: nothing may stay mapped
            ReadSymbols = true,
            SymbolReaderProvider = new DefaultSymbolReaderProvider(throwIfNoSymbol: false),
        };
        using ModuleDefinition module = ModuleDefinition.ReadModule(assemblyPath, reading);
        EmbeddedResource? existing = module.Resources.OfType<EmbeddedResource>().FirstOrDefault(r => r.Name == resourceName);
        if (existing is not null && existing.GetResourceData().AsSpan().SequenceEqual(content))
        {
            return false;
        }

        if (existing is not null)
        {
            module.Resources.Remove(existing);
        }

        module.Resources.Add(new EmbeddedResource(resourceName, ManifestResourceAttributes.Public, content));
        Write(module, assemblyPath);
        return true;
    }

    private static void Write(ModuleDefinition module, string assemblyPath)
    {
        string temporaryAssembly = assemblyPath + ".tandem-tmp";
        string pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        string temporaryPdb = pdbPath + ".tandem-tmp";
        ISymbolWriterProvider? symbols = module.SymbolReader?.GetWriterProvider();
        // A separate PDB is written through a stream: its name in the assembly's debug directory is then the bare file
        // name (AssemblyName.pdb, which debuggers look for beside the assembly) rather than a temporary path. An
        // embedded PDB is written inside the assembly.
        bool separatePdb = symbols is PortablePdbWriterProvider;
        try
        {
            using (FileStream assembly = File.Create(temporaryAssembly))
            using (FileStream? pdb = separatePdb ? File.Create(temporaryPdb) : null)
            {
                module.Write(assembly, new WriterParameters
                {
                    DeterministicMvid = true,
                    WriteSymbols = symbols is not null,
                    SymbolWriterProvider = symbols,
                    SymbolStream = pdb,
                });
            }

            if (separatePdb)
            {
                File.Move(temporaryPdb, pdbPath, overwrite: true);
            }

            File.Move(temporaryAssembly, assemblyPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporaryAssembly);
            File.Delete(temporaryPdb);
        }
    }

    /// <summary>
    /// Whether the assembly carries a real strong-name signature: the flag set and a signature written. A public-signed
    /// or delay-signed assembly (no signature yet) may be rewritten: its signature space is kept.
    /// </summary>
    internal static bool IsStrongNameSigned(string assemblyPath)
    {
        byte[] image = File.ReadAllBytes(assemblyPath);
        using var pe = new PEReader(new MemoryStream(image));
        CorHeader? header = pe.PEHeaders.CorHeader;
        DirectoryEntry signature = header?.StrongNameSignatureDirectory ?? default;
        return header is not null && (header.Flags & CorFlags.StrongNameSigned) != 0 && signature.Size > 0
            && pe.PEHeaders.TryGetDirectoryOffset(signature, out int offset)
            && image.AsSpan(offset, signature.Size).ContainsAnyExcept((byte)0);
    }
}
