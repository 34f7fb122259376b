using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// What a test that provokes failures must leave behind as it found it: the runtime's stream threads (counted by name,
/// so pool threads and other tests' helpers do not blur the count), the bytes held by live arrays, and the memory the
/// allocator holds from Vulkan (or the heap) once its cache of freed arrays is released.
/// </summary>
internal sealed record RuntimeBaseline(int StreamThreads, long ActiveBytes, long SourceBytes)
{
    /// <summary>
    /// Takes the baseline once earlier work has finished and unreachable arrays are freed. A failure an earlier test
    /// left unreported is thrown, not swallowed: it would otherwise vanish here without failing anything.
    /// </summary>
    public static RuntimeBaseline Capture()
    {
        Mx.Synchronize();
        CollectGarbage();
        Mx.ClearCache();
        return new RuntimeBaseline(CountStreamThreads(), Mx.Memory.ActiveBytes, Devices.DeviceRegistry.Memory.SourceBytes);
    }

    /// <summary>
    /// Asserts that every stream thread made since the baseline ended and every array made since was freed. Every
    /// failure must have been reported already: <see cref="Mx.Synchronize"/> may not throw.
    /// </summary>
    public void AssertRestored()
    {
        Mx.Synchronize();
        CollectGarbage();
        int threads = CountStreamThreads();
        for (int attempt = 0; attempt < 50 && threads != StreamThreads; attempt++)
        {
            Thread.Sleep(100); // a joined thread may take a moment to leave the process's list
            threads = CountStreamThreads();
        }

        Assert.True(threads == StreamThreads, $"DeviceStream threads: {StreamThreads} before the test, {threads} after: a leak.");
        long active = Mx.Memory.ActiveBytes;
        Assert.True(active == ActiveBytes, $"Bytes held by arrays: {ActiveBytes} before the test, {active} after: a leak.");

        // Slabs of small arrays stay with their pool, so this may only shrink (a scenario's arrays fit the slabs
        // earlier tests made); a buffer or device copy that was never given back shows as growth.
        Mx.ClearCache();
        long source = Devices.DeviceRegistry.Memory.SourceBytes;
        Assert.True(source <= SourceBytes, $"Memory held from Vulkan or the heap: {SourceBytes} bytes before the test, {source} after: a leak.");
    }

    /// <summary>
    /// Threads of CPU and GPU streams ("Tandem cpu stream 3", "Tandem gpu stream 4 completion"), read from the
    /// kernel's list of this process's threads, whose names .NET sets (cut to 15 characters).
    /// </summary>
    public static int CountStreamThreads()
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            using var process = Process.GetCurrentProcess();
            return process.Threads.Count - ThreadPool.ThreadCount; // elsewhere: a coarser count
        }

        return Directory.GetDirectories(tasks).Count(task =>
        {
            try
            {
                string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                return name.StartsWith("Tandem cpu", StringComparison.Ordinal) || name.StartsWith("Tandem gpu", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false; // the thread ended while we looked
            }
        });
    }

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
