using System;
using System.Globalization;
using System.IO;
using Tandem.Memory;
using Xunit;

namespace Tandem.Runtime.Tests.Memory;

/// <summary>Large host blocks ask Linux for transparent huge pages, as NumPy's arrays do; small ones do not.</summary>
public sealed class HugePageTests
{
    private const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";

    [Fact]
    public void A_large_host_block_is_aligned_to_a_huge_page_and_advised_to_use_them()
    {
        var allocator = new NativeMemoryAllocator();
        MemoryBlock large = allocator.Allocate(8 << 20);
        MemoryBlock small = allocator.Allocate(64 << 10);
        try
        {
            // Where the system decides for every program (always, never) or is not Linux, advice changes nothing to check.
            bool advisable = OperatingSystem.IsLinux() && File.Exists(Setting) && File.ReadAllText(Setting).Contains("[madvise]", StringComparison.Ordinal);
            if (advisable)
            {
                Assert.Equal(0, large.HostPointer % HugePages.Size);
                Assert.Contains("hg", VmFlags(large.HostPointer));
                Assert.DoesNotContain("hg", VmFlags(small.HostPointer));
            }

            Assert.Equal(0, small.HostPointer % MemoryAllocator.Alignment);
        }
        finally
        {
            allocator.Free(large);
            allocator.Free(small);
        }
    }

    /// <summary>The flags of the mapping that holds <paramref name="address"/>, from /proc/self/smaps.</summary>
    private static string[] VmFlags(nint address)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            string[] range = line.Split(' ')[0].Split('-');
            if (range.Length == 2 && long.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long start)
                && long.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long end))
            {
                inside = start <= address && address < end;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        throw new InvalidOperationException($"No mapping holds 0x{address:x} in /proc/self/smaps.");
    }
}
