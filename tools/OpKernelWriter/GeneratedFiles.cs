using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Tandem.OpKernelWriter;

/// <summary>Every file the writer owns, by path relative to the repository root; a test checks the committed ones.</summary>
public static class GeneratedFiles
{
    /// <summary>The folders the writer owns entirely: a file there that it does not write is stale.</summary>
    public static readonly IReadOnlyList<string> Folders = ["Runtime/Ops/Kernels/Generated/", "Runtime/Ops/Generated/", "Runtime/Mx/Generated/", "Runtime/Ops/Reduction/Generated/"];

    public static IReadOnlyList<(string Path, string Text)> Render() =>
        [
            .. KernelSources.Files(), (TableSource.Path, TableSource.Text()), .. ApiSource.Files(),
            .. ReduceKernelSources.Files(), (ReduceTableSource.Path, ReduceTableSource.Text()),
        ];

    /// <summary>The repository root: the nearest folder above <paramref name="start"/> with Tandem.slnx.</summary>
    public static string FindRoot(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Tandem.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Tandem.slnx above {start}: run the writer inside the repository.");
    }

    /// <summary>The differences between the rendered files and those under <paramref name="root"/>: stale, missing or extra.</summary>
    public static IReadOnlyList<string> Differences(string root)
    {
        IReadOnlyList<(string Path, string Text)> rendered = Render();
        var differences = new List<string>();
        foreach ((string path, string text) in rendered)
        {
            string file = Path.Combine(root, path);
            if (!File.Exists(file))
            {
                differences.Add($"missing: {path}");
            }
            else if (File.ReadAllText(file) != text)
            {
                differences.Add($"out of date: {path}");
            }
        }

        var owned = rendered.Select(file => file.Path).ToHashSet(StringComparer.Ordinal);
        foreach (string folder in Folders)
        {
            string directory = Path.Combine(root, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(directory, "*.cs"))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (!owned.Contains(relative))
                {
                    differences.Add($"not written by the writer: {relative}");
                }
            }
        }

        return differences;
    }

    /// <summary>Writes every file under <paramref name="root"/> and deletes the writer's stale ones.</summary>
    public static void Write(string root)
    {
        IReadOnlyList<(string Path, string Text)> rendered = Render();
        var owned = rendered.Select(file => file.Path).ToHashSet(StringComparer.Ordinal);
        foreach (string folder in Folders)
        {
            string directory = Path.Combine(root, folder);
            if (Directory.Exists(directory))
            {
                foreach (string file in Directory.EnumerateFiles(directory, "*.cs"))
                {
                    if (!owned.Contains(Path.GetRelativePath(root, file).Replace('\\', '/')))
                    {
                        File.Delete(file);
                    }
                }
            }
        }

        foreach ((string path, string text) in rendered)
        {
            string file = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (!File.Exists(file) || File.ReadAllText(file) != text)
            {
                File.WriteAllText(file, text);
            }
        }
    }
}
