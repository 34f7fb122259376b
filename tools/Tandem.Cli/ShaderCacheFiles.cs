using System;
using System.IO;

namespace Tandem.Cli;

/// <summary>The files of a shader cache directory: one <c>.spv</c> entry per compiled kernel.</summary>
internal static class ShaderCacheFiles
{
    /// <summary>The entries, oldest first; none when the directory does not exist.</summary>
    public static FileInfo[] List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        FileInfo[] files = new DirectoryInfo(directory).GetFiles("*.spv");
        Array.Sort(files, static (a, b) => a.LastWriteTimeUtc.CompareTo(b.LastWriteTimeUtc));
        return files;
    }
}
