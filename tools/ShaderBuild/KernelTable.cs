using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Tandem.Abi;

namespace Tandem.ShaderBuild;

/// <summary>
/// Reads the kernels of a compiled assembly from its metadata, without loading it: every descriptor class the generator
/// emitted (named <see cref="KernelAbi.DescriptorClassPrefix"/> + the method) and its constants
/// (<see cref="DescriptorConstants"/>).
/// </summary>
internal static class KernelTable
{
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static IReadOnlyList<KernelShader> Read(string assemblyPath)
    {
        using FileStream file = File.OpenRead(assemblyPath);
        using var pe = new PEReader(file);
        MetadataReader metadata = pe.GetMetadataReader();
        var kernels = new List<KernelShader>();
        foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
        {
            TypeDefinition type = metadata.GetTypeDefinition(handle);
            // A file-local class's metadata name carries a prefix of the file it is declared in.
            if (metadata.GetString(type.Name).Contains(KernelAbi.DescriptorClassPrefix, StringComparison.Ordinal))
            {
                Dictionary<string, object?> constants = Constants(metadata, type);
                if (constants.GetValueOrDefault(DescriptorConstants.Hlsl) is string hlsl
                    && constants.GetValueOrDefault(DescriptorConstants.KernelName) is string name
                    && constants.GetValueOrDefault(DescriptorConstants.EntryPoint) is string entryPoint)
                {
                    string[] entryPoints = constants.GetValueOrDefault(DescriptorConstants.WideEntryPoint) is string wide ? [entryPoint, wide] : [entryPoint];
                    kernels.Add(new KernelShader(name, hlsl, entryPoints,
                        constants.GetValueOrDefault(DescriptorConstants.SourcePath) as string,
                        constants.GetValueOrDefault(DescriptorConstants.SourceLine) as int? ?? 0,
                        constants.GetValueOrDefault(DescriptorConstants.SourceColumn) as int? ?? 0));
                }
            }
        }

        kernels.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return kernels;
    }

    private static Dictionary<string, object?> Constants(MetadataReader metadata, TypeDefinition type)
    {
        var constants = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (FieldDefinitionHandle handle in type.GetFields())
        {
            FieldDefinition field = metadata.GetFieldDefinition(handle);
            if ((field.Attributes & FieldAttributes.Literal) == 0)
            {
                continue;
            }

            Constant constant = metadata.GetConstant(field.GetDefaultValue());
            BlobReader blob = metadata.GetBlobReader(constant.Value);
            constants[metadata.GetString(field.Name)] = constant.TypeCode switch
            {
                ConstantTypeCode.String => blob.ReadUTF16(blob.Length),
                ConstantTypeCode.Int32 => blob.ReadInt32(),
                _ => null,
            };
        }

        return constants;
    }
}
