using System;
using System.Diagnostics;
using System.IO;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

public sealed class ShaderCompilerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tandem-shader-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [CompilerFact]
    public void Second_compile_is_a_cache_hit_even_from_a_new_compiler()
    {
        var compiler = new ShaderCompiler(_directory);
        SpirvModule first = compiler.Compile(TestKernels.Saxpy, "Saxpy");
        Assert.False(first.FromCache);
        Assert.Equal(1, compiler.CompilerRuns);
        Assert.Equal(0x07230203u, BitConverter.ToUInt32(first.Code, 0));

        SpirvModule second = compiler.Compile(TestKernels.Saxpy, "Saxpy");
        Assert.True(second.FromCache);
        Assert.Equal(1, compiler.CompilerRuns);
        Assert.Equal(first.Code, second.Code);
        Assert.Equal(first.Hash, second.Hash);

        var other = new ShaderCompiler(_directory);
        Assert.True(other.Compile(TestKernels.Saxpy, "Saxpy").FromCache);
        Assert.Equal(0, other.CompilerRuns);
    }

    [CompilerFact]
    public void Source_or_entry_point_changes_miss()
    {
        var compiler = new ShaderCompiler(_directory);
        SpirvModule iota = compiler.Compile(TestKernels.Iota, "Iota");
        SpirvModule changed = compiler.Compile(TestKernels.Iota + "\n// changed", "Iota");
        Assert.False(changed.FromCache);
        Assert.NotEqual(iota.CacheKey, changed.CacheKey);
    }

    [CompilerFact]
    public void A_corrupt_entry_is_deleted_and_rebuilt()
    {
        var compiler = new ShaderCompiler(_directory);
        SpirvModule original = compiler.Compile(TestKernels.AddOne, "AddOne");
        string path = compiler.Cache.PathFor(original.CacheKey);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^7] ^= 0x5A; // flip bits in the payload: the hash no longer matches
        File.WriteAllBytes(path, bytes);

        SpirvModule rebuilt = compiler.Compile(TestKernels.AddOne, "AddOne");
        Assert.False(rebuilt.FromCache);
        Assert.Equal(2, compiler.CompilerRuns);
        Assert.Equal(original.Code, rebuilt.Code);
        Assert.True(compiler.Compile(TestKernels.AddOne, "AddOne").FromCache); // the rewritten entry is valid
    }

    [CompilerFact]
    public void A_truncated_entry_is_deleted_and_rebuilt()
    {
        var compiler = new ShaderCompiler(_directory);
        SpirvModule original = compiler.Compile(TestKernels.AddOne, "AddOne");
        string path = compiler.Cache.PathFor(original.CacheKey);
        foreach (int length in new[] { 3, ShaderDiskCache.HeaderSize - 1, ShaderDiskCache.HeaderSize, (int)new FileInfo(path).Length - 4 })
        {
            var compilerRuns = compiler.CompilerRuns;
            using (FileStream f = File.OpenWrite(path))
            {
                f.SetLength(length);
            }

            SpirvModule rebuilt = compiler.Compile(TestKernels.AddOne, "AddOne");
            Assert.False(rebuilt.FromCache);
            Assert.Equal(compilerRuns + 1, compiler.CompilerRuns);
            Assert.Equal(original.Code, rebuilt.Code);
        }
    }

    [CompilerFact]
    public void Garbage_in_the_cache_is_never_loaded()
    {
        string key = new ShaderCompiler(_directory).Compile(TestKernels.Iota, "Iota").CacheKey;
        string path = Path.Combine(_directory, key + ".spv");
        File.WriteAllText(path, "this is not a cache entry at all, but long enough to have a header and more than that, too");
        var compiler = new ShaderCompiler(_directory);
        Assert.False(compiler.Compile(TestKernels.Iota, "Iota").FromCache);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [CompilerFact]
    public void Entries_swapped_between_keys_are_rebuilt_not_loaded()
    {
        // Two valid entries, each under the other's key: the header checks pass, only the recorded key tells.
        var compiler = new ShaderCompiler(_directory);
        SpirvModule iota = compiler.Compile(TestKernels.Iota, "Iota");
        SpirvModule addOne = compiler.Compile(TestKernels.AddOne, "AddOne");
        string iotaPath = compiler.Cache.PathFor(iota.CacheKey), addOnePath = compiler.Cache.PathFor(addOne.CacheKey);
        byte[] iotaEntry = File.ReadAllBytes(iotaPath);
        File.Copy(addOnePath, iotaPath, overwrite: true);
        File.WriteAllBytes(addOnePath, iotaEntry);

        var fresh = new ShaderCompiler(_directory);
        SpirvModule iotaAgain = fresh.Compile(TestKernels.Iota, "Iota");
        SpirvModule addOneAgain = fresh.Compile(TestKernels.AddOne, "AddOne");
        Assert.False(iotaAgain.FromCache);
        Assert.False(addOneAgain.FromCache);
        Assert.Equal(iota.Code, iotaAgain.Code);
        Assert.Equal(addOne.Code, addOneAgain.Code);
        Assert.True(new ShaderCompiler(_directory).Compile(TestKernels.Iota, "Iota").FromCache); // rebuilt in place
    }

    [CompilerFact]
    public void A_cache_path_that_is_a_file_or_cannot_be_created_compiles_without_the_cache_and_warns_once_naming_the_variable()
    {
        Directory.CreateDirectory(_directory);
        string file = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(file, "a file where the cache should be");
        foreach (string unusable in new[] { file, Path.Combine(file, "below") })
        {
            var warnings = new System.Collections.Generic.List<string>();
            var compiler = new ShaderCompiler(unusable, warn: warnings.Add);
            SpirvModule first = compiler.Compile(TestKernels.Iota, "Iota");
            SpirvModule second = compiler.Compile(TestKernels.AddOne, "AddOne");
            Assert.False(first.FromCache);
            Assert.False(second.FromCache);
            string warning = Assert.Single(warnings);
            Assert.Contains(ShaderCompiler.CacheVariable, warning, StringComparison.Ordinal);
            Assert.Contains(unusable, warning, StringComparison.Ordinal);
            Assert.Equal(warning, "Tandem: " + compiler.Cache.Problem);
        }

        Assert.Equal("a file where the cache should be", File.ReadAllText(file));
    }

    [CompilerFact]
    public void A_compile_error_names_the_entry_point_and_carries_the_compiler_message()
    {
        var compiler = new ShaderCompiler(_directory);
        ShaderCompilationException e = Assert.Throws<ShaderCompilationException>(() => compiler.Compile(TestKernels.Broken, "Broken"));
        Assert.Equal("Broken", e.EntryPoint);
        Assert.Contains("'Broken'", e.Message, StringComparison.Ordinal);
        Assert.Contains("undefinedThing", e.Message, StringComparison.Ordinal);
        Assert.Contains("error", e.CompilerOutput, StringComparison.OrdinalIgnoreCase);
    }

    [CompilerFact]
    public void A_missing_entry_point_is_a_compile_error()
    {
        var compiler = new ShaderCompiler(_directory);
        ShaderCompilationException e = Assert.Throws<ShaderCompilationException>(() => compiler.Compile(TestKernels.Saxpy, "NoSuchKernel"));
        Assert.Contains("NoSuchKernel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_compiler_says_what_to_install()
    {
        string empty = Path.Combine(_directory, "empty-path");
        Directory.CreateDirectory(empty);
        var compiler = new ShaderCompiler(_directory, searchPath: empty);
        ShaderCompilerNotFoundException e = Assert.Throws<ShaderCompilerNotFoundException>(() => compiler.Compile(TestKernels.Iota, "Iota"));
        Assert.Contains("apt-get install glslc", e.Message, StringComparison.Ordinal);
    }

    [CompilerFact]
    public void Output_passes_spirv_val()
    {
        string? spirvVal = FindOnPath("spirv-val");
        if (spirvVal is null)
        {
            return; // spirv-tools not installed: nothing to check with
        }

        var compiler = new ShaderCompiler(_directory);
        foreach ((string source, string entry) in new[] { (TestKernels.Saxpy, "Saxpy"), (TestKernels.Iota, "Iota"), (TestKernels.AddOne, "AddOne"), (TestKernels.Coordinates, "Coordinates"), (TestKernels.Overrun, "Overrun") })
        {
            string file = Path.Combine(_directory, entry + ".spv");
            File.WriteAllBytes(file, compiler.Compile(source, entry).Code);
            var start = new ProcessStartInfo(spirvVal) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("--target-env");
            start.ArgumentList.Add("vulkan1.2");
            start.ArgumentList.Add(file);
            using Process process = Process.Start(start)!;
            string output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"spirv-val rejected {entry}: {output}");
        }
    }

    [Fact]
    public void Cache_directory_follows_the_environment_variable()
    {
        string? before = Environment.GetEnvironmentVariable(ShaderCompiler.CacheVariable);
        try
        {
            Environment.SetEnvironmentVariable(ShaderCompiler.CacheVariable, _directory);
            Assert.Equal(_directory, ShaderCompiler.DefaultCacheDirectory());
            Environment.SetEnvironmentVariable(ShaderCompiler.CacheVariable, null);
            Assert.EndsWith(Path.Combine("tandem", "shaders"), ShaderCompiler.DefaultCacheDirectory(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ShaderCompiler.CacheVariable, before);
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
