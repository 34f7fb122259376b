using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Cli;

/// <summary><c>tandem cache list|clear</c>: the compiled kernels in the shader cache.</summary>
internal static class CacheCommand
{
    public static Command Create(TextWriter output)
    {
        Option<bool> listJson = TandemCommand.JsonOption();
        var list = new Command("list", "List the compiled kernels in the shader cache (newest last) and their total size.") { listJson };
        list.SetAction(parsed =>
        {
            string directory = ShaderCompiler.DefaultCacheDirectory();
            FileInfo[] files = ShaderCacheFiles.List(directory);
            var listing = new CacheListing(directory, files.Select(f => new CacheEntry(f.Name, f.Length, f.LastWriteTimeUtc)).ToList(), files.Sum(f => f.Length));
            if (parsed.GetValue(listJson))
            {
                output.WriteLine(CliJson.Write(listing, CliJson.Default.CacheListing));
                return ExitCodes.Success;
            }

            foreach (CacheEntry entry in listing.Entries)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{entry.Written:yyyy-MM-dd HH:mm:ss}  {InfoCommand.Bytes((ulong)entry.Bytes),10}  {entry.Name}"));
            }

            output.WriteLine($"{listing.Entries.Count} kernels, {InfoCommand.Bytes((ulong)listing.Bytes)} in {directory}");
            return ExitCodes.Success;
        });

        Option<bool> clearJson = TandemCommand.JsonOption();
        var clear = new Command("clear", "Delete every compiled kernel from the shader cache (they are compiled again on first use).") { clearJson };
        clear.SetAction(parsed =>
        {
            string directory = ShaderCompiler.DefaultCacheDirectory();
            int deleted = 0;
            long bytes = 0;
            var failures = new List<string>();
            foreach (FileInfo file in ShaderCacheFiles.List(directory))
            {
                try
                {
                    long length = file.Length;
                    file.Delete();
                    deleted++;
                    bytes += length;
                }
                catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
                {
                    failures.Add($"{file.Name}: {failure.Message}");
                }
            }

            var result = new CacheClearing(directory, deleted, bytes, failures);
            output.WriteLine(parsed.GetValue(clearJson)
                ? CliJson.Write(result, CliJson.Default.CacheClearing)
                : $"Deleted {deleted} kernels ({InfoCommand.Bytes((ulong)bytes)}) from {directory}" + string.Concat(failures.Select(f => Environment.NewLine + "  not deleted: " + f)));
            return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });

        return new Command("cache", "The shader cache: compiled SPIR-V of each kernel (TANDEM_SHADER_CACHE, else ~/.cache/tandem/shaders).") { list, clear };
    }
}

/// <summary>One compiled kernel in the cache.</summary>
/// <param name="Name">Its file name (a hash of the HLSL, the entry point and the compiler).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Written">When it was written (UTC).</param>
internal sealed record CacheEntry(string Name, long Bytes, DateTime Written);

/// <summary>What <c>tandem cache list</c> found.</summary>
/// <param name="Directory">The cache directory.</param>
/// <param name="Entries">Its entries, oldest first.</param>
/// <param name="Bytes">Their total size.</param>
internal sealed record CacheListing(string Directory, IReadOnlyList<CacheEntry> Entries, long Bytes);

/// <summary>What <c>tandem cache clear</c> did.</summary>
/// <param name="Directory">The cache directory.</param>
/// <param name="Deleted">Entries deleted.</param>
/// <param name="Bytes">Their size.</param>
/// <param name="Failures">Entries that could not be deleted, with why.</param>
internal sealed record CacheClearing(string Directory, int Deleted, long Bytes, IReadOnlyList<string> Failures);
