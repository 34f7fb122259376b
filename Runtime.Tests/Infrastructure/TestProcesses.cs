using System;
using System.IO;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>What tests that start .NET child processes share.</summary>
public static class TestProcesses
{
    /// <summary>The dotnet host running these tests: children run assemblies with <c>dotnet exec</c> through it.</summary>
    public static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : throw new InvalidOperationException($"No dotnet host: DOTNET_HOST_PATH is unset and the test process is '{process}'.");
    }
}
