using System;
using System.Runtime.InteropServices;

namespace Tandem.Memory;

/// <summary>
/// Large host blocks backed by transparent huge pages (2 MiB) on Linux, where the system leaves that to the program
/// (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> set to <c>madvise</c>, Debian's and Ubuntu's default), as NumPy
/// does for its arrays of 4 MiB or more: a pass over a large array then misses the TLB once per 2 MiB instead of once
/// per 4 KiB, which a virtual machine pays twice (nested page tables), and its first touch faults 512 times less often.
/// On the 2-core development VM a one-thread sum over 64 MB ran 2-3x faster from huge pages (docs/PERFORMANCE.md).
/// </summary>
internal static unsafe class HugePages
{
    /// <summary>Blocks from this many bytes on are aligned to a huge page and advised (NumPy's threshold).</summary>
    public const int Threshold = 4 << 20;

    /// <summary>The size and alignment of a transparent huge page on x86-64 and arm64 (4 KiB base pages).</summary>
    public const int Size = 2 << 20;

    private const int AdviceHugePage = 14; // MADV_HUGEPAGE

    // madvise from the C library, or null where there is none to ask (other systems, a libc without it).
    private static readonly delegate* unmanaged<nint, nuint, int, int> s_madvise = FindMadvise();

    /// <summary>True when blocks of <paramref name="bytes"/> are worth aligning to a huge page and advising.</summary>
    public static bool Wanted(nuint bytes) => bytes >= Threshold && s_madvise is not null;

    /// <summary>
    /// Asks the kernel to back the whole huge pages of the block at <paramref name="pointer"/> (aligned to
    /// <see cref="Size"/>) with huge pages. Advice only: where the kernel declines (huge pages off, none free) the block
    /// keeps base pages and works the same.
    /// </summary>
    public static void Advise(void* pointer, nuint bytes)
    {
        nuint whole = bytes & ~(nuint)(Size - 1);
        if (s_madvise is not null && whole > 0)
        {
            _ = s_madvise((nint)pointer, whole, AdviceHugePage);
        }
    }

    private static delegate* unmanaged<nint, nuint, int, int> FindMadvise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (string name in new[] { "libc.so.6", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out nint library) && NativeLibrary.TryGetExport(library, "madvise", out nint madvise))
            {
                return (delegate* unmanaged<nint, nuint, int, int>)madvise;
            }
        }

        return null;
    }
}
