using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Tandem.Cli;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Tools;

/// <summary>The <c>tandem</c> tool, run through its entry point against this machine and a trace recorded here.</summary>
public sealed class TandemCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"tandem-cli-{Guid.NewGuid():N}");

    public TandemCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Info_describes_the_CPU_the_Vulkan_devices_the_compiler_and_the_cache()
    {
        (int code, string output, _) = Run("info", "--json");
        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument info = JsonDocument.Parse(output);
        JsonElement cpu = info.RootElement.GetProperty("cpu");
        Assert.Equal(Environment.ProcessorCount, cpu.GetProperty("logicalCores").GetInt32());
        Assert.True(cpu.GetProperty("vectorBits").GetInt32() >= 128);
        Assert.Equal(Tandem.Backends.Vulkan.Compute.ShaderCompiler.DefaultCacheDirectory(), info.RootElement.GetProperty("shaderCache").GetProperty("directory").GetString());
        if (TestDevices.GpuRequired)
        {
            JsonElement chosen = Assert.Single(info.RootElement.GetProperty("vulkanDevices").EnumerateArray(), d => d.GetProperty("chosen").GetBoolean());
            Assert.Equal(Mx.Gpu.Name.Contains("llvmpipe", StringComparison.Ordinal), chosen.GetProperty("name").GetString()!.Contains("llvmpipe", StringComparison.Ordinal));
            Assert.True(chosen.GetProperty("limits").GetProperty("maxStorageBufferRange").GetUInt64() > 0);
            Assert.NotEmpty(chosen.GetProperty("heaps").EnumerateArray());
            Assert.True(info.RootElement.GetProperty("compiler").GetProperty("found").GetBoolean());
        }

        (code, output, _) = Run("info");
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("CPU: ", output, StringComparison.Ordinal);
        Assert.Contains("Shader cache: ", output, StringComparison.Ordinal);
        Assert.Contains("Built-in kernels' SPIR-V: the Tandem.Shaders.spirv resource of Tandem.Runtime: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_summarizes_busy_times_overlap_and_the_longest_wait()
    {
        string path = Path.Combine(_folder, "trace.json");
        using DeviceStream producer = Mx.NewStream(Mx.Cpu);
        using DeviceStream consumer = Mx.NewStream(Mx.Cpu);
        using Array<float> x = Mx.Zeros<float>([64]);
        using Array<float> y = Mx.Zeros<float>([64]);
        Mx.Synchronize();
        Mx.Trace.Start();
        TestOps.Fill(x, 2f, producer, delayMs: 60);
        TestOps.Copy(x, y, consumer);                       // waits for the slow fill
        Assert.Equal(2f, y.ToArray()[0]);
        Mx.Trace.Stop(path);

        (int code, string output, _) = Run("trace", path, "--json", "--waits", "3");
        Assert.Equal(ExitCodes.Success, code);
        using JsonDocument summary = JsonDocument.Parse(output);
        JsonElement root = summary.RootElement;
        Assert.Equal(2, root.GetProperty("ops").GetInt32());
        Assert.Equal(new[] { $"cpu stream {consumer.Index}", $"cpu stream {producer.Index}" }.Order(StringComparer.Ordinal),
            root.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("stream").GetString()).Order(StringComparer.Ordinal));
        JsonElement fill = Assert.Single(root.GetProperty("streams").EnumerateArray(), s => s.GetProperty("stream").GetString() == $"cpu stream {producer.Index}");
        Assert.True(fill.GetProperty("busyMs").GetDouble() >= 50, fill.ToString());
        JsonElement longest = root.GetProperty("longestWaits").EnumerateArray().First(w => w.GetProperty("kind").GetString() == "stream wait");
        Assert.Contains(root.GetProperty("longestWaits").EnumerateArray(), w => w.GetProperty("kind").GetString() == "host wait"
            && w.GetProperty("waitedFor").GetString()!.StartsWith("TestKernels.Copy", StringComparison.Ordinal));
        Assert.Contains("TestKernels.Fill", longest.GetProperty("waitedFor").GetString(), StringComparison.Ordinal);
        Assert.True(longest.GetProperty("ms").GetDouble() >= 20, longest.ToString());
        Assert.True(root.GetProperty("longestWaits").GetArrayLength() <= 3);

        (code, output, _) = Run("trace", path);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"cpu stream {producer.Index}", output, StringComparison.Ordinal);
        Assert.Contains("CPU and GPU both busy", output, StringComparison.Ordinal);
        Assert.Contains("waited for TestKernels.Fill", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Cache_lists_and_clears_the_compiled_kernels()
    {
        string previous = Environment.GetEnvironmentVariable("TANDEM_SHADER_CACHE") ?? string.Empty;
        Environment.SetEnvironmentVariable("TANDEM_SHADER_CACHE", _folder);
        try
        {
            File.WriteAllBytes(Path.Combine(_folder, "a.spv"), new byte[100]);
            File.WriteAllBytes(Path.Combine(_folder, "b.spv"), new byte[50]);
            File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not a kernel");

            (int code, string output, _) = Run("cache", "list", "--json");
            Assert.Equal(ExitCodes.Success, code);
            using (JsonDocument listing = JsonDocument.Parse(output))
            {
                Assert.Equal(150, listing.RootElement.GetProperty("bytes").GetInt64());
                Assert.Equal(["a.spv", "b.spv"], listing.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
            }

            (code, output, _) = Run("cache", "clear");
            Assert.Equal(ExitCodes.Success, code);
            Assert.StartsWith("Deleted 2 kernels (150 B)", output, StringComparison.Ordinal);
            Assert.Equal(["notes.txt"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TANDEM_SHADER_CACHE", previous.Length == 0 ? null : previous);
        }
    }

    [Fact]
    public void Wrong_command_lines_and_missing_files_give_their_exit_codes_and_say_why()
    {
        Assert.Equal(ExitCodes.Success, Run("--help").Code);
        (int code, _, string error) = Run("nosuch");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("tandem --help", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Run("trace").Code);

        string missing = Path.Combine(_folder, "missing.json");
        (code, _, error) = Run("trace", missing);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);

        string notJson = Path.Combine(_folder, "bad.json");
        File.WriteAllText(notJson, "{ not json");
        (code, _, error) = Run("trace", notJson);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("is not JSON", error, StringComparison.Ordinal);

        (code, _, error) = Run("precompile", notJson);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("is not a .NET assembly", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = TandemCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
