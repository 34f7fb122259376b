using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Tandem.OpKernelWriter;
using Xunit;

namespace Tandem.Runtime.Tests.Ops;

/// <summary>
/// The element-wise ops' and the reductions' kernels, tables and Mx methods are written by tools/OpKernelWriter from one
/// definition per op and committed: they must be exactly what the writer writes now.
/// </summary>
public sealed class GeneratedOpFilesTests
{
    [Fact]
    public void The_committed_files_are_what_the_writer_writes()
    {
        string root = GeneratedFiles.FindRoot(AppContext.BaseDirectory);
        var differences = GeneratedFiles.Differences(root);
        Assert.True(differences.Count == 0,
            "The generated op files differ from tools/OpKernelWriter's output; run `dotnet run --project tools/OpKernelWriter`:\n"
            + string.Join('\n', differences));
    }

    [Fact]
    public void An_edited_missing_or_extra_file_is_reported()
    {
        string root = Path.Combine(Path.GetTempPath(), "tandem-op-files-" + Guid.NewGuid().ToString("N"));
        try
        {
            GeneratedFiles.Write(root);
            Assert.Empty(GeneratedFiles.Differences(root));

            var files = GeneratedFiles.Render();
            File.AppendAllText(Path.Combine(root, files[0].Path), "// edited\n");
            File.Delete(Path.Combine(root, files[1].Path));
            File.WriteAllText(Path.Combine(root, GeneratedFiles.Folders[0], "Stale.g.cs"), string.Empty);

            var differences = GeneratedFiles.Differences(root);
            Assert.Contains($"out of date: {files[0].Path}", differences);
            Assert.Contains($"missing: {files[1].Path}", differences);
            Assert.Contains(differences, d => d.StartsWith("not written by the writer:", StringComparison.Ordinal) && d.EndsWith("Stale.g.cs", StringComparison.Ordinal));
            Assert.Equal(3, differences.Count);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Every_written_kernel_is_in_a_table()
    {
        var files = GeneratedFiles.Render();
        string tables = string.Concat(files.Where(f => f.Path == TableSource.Path || f.Path == ReduceTableSource.Path).Select(f => f.Text));
        var kernels = files.Where(f => f.Path.Contains("/Kernels/Generated/", StringComparison.Ordinal))
            .SelectMany(f => KernelNames(f.Text))
            .ToArray();
        Assert.NotEmpty(kernels);
        Assert.All(kernels, kernel => Assert.Matches(Regex.Escape(kernel) + @"\b", tables));
    }

    /// <summary>Class.Method of each [Kernel] method of a written file (the line after the attribute declares it).</summary>
    private static IEnumerable<string> KernelNames(string text)
    {
        string[] lines = text.Split('\n');
        string className = lines.Select(l => Regex.Match(l, @"partial class (\w+)")).First(m => m.Success).Groups[1].Value;
        for (int i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].TrimStart().StartsWith("[Kernel", StringComparison.Ordinal))
            {
                yield return className + "." + Regex.Match(lines[i + 1], @"public static void (\w+)\(").Groups[1].Value;
            }
        }
    }
}
