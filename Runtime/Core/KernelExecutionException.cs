using System;

namespace Tandem;

/// <summary>
/// A kernel failed while it ran, or did not run because a kernel it depends on failed. Thrown at the next
/// synchronization that depends on it: <see cref="DeviceStream.Synchronize"/>, <see cref="Mx.Synchronize"/> or
/// <see cref="Array{T}.ToArray"/> of an array it wrote.
/// </summary>
/// <remarks>
/// For a kernel that threw, <see cref="Exception.InnerException"/> is what it threw; for a kernel that did not run,
/// it is the <see cref="KernelExecutionException"/> of the kernel it depends on, so the chain ends at the original
/// failure.
/// </remarks>
public sealed class KernelExecutionException : Exception
{
    /// <summary>Creates an exception that names no kernel.</summary>
    public KernelExecutionException()
    {
        KernelName = string.Empty;
    }

    /// <summary>Creates an exception with a message that names no kernel.</summary>
    /// <param name="message">The message.</param>
    public KernelExecutionException(string message)
        : base(message)
    {
        KernelName = string.Empty;
    }

    /// <summary>Creates an exception with a message and a cause, naming no kernel.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public KernelExecutionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        KernelName = string.Empty;
    }

    /// <summary>Creates an exception for the kernel <paramref name="kernelName"/>.</summary>
    /// <param name="kernelName">The failed kernel's name, <c>Type.Method</c>.</param>
    /// <param name="message">The message; it should name the kernel.</param>
    /// <param name="innerException">The cause.</param>
    public KernelExecutionException(string kernelName, string message, Exception? innerException)
        : base(message, innerException)
    {
        KernelName = kernelName ?? string.Empty;
    }

    /// <summary>The name of the kernel this exception is about, <c>Type.Method</c>.</summary>
    public string KernelName { get; }

    /// <summary>The name of the kernel whose own failure started the chain (this one's, when it failed itself).</summary>
    public string OriginalKernelName
    {
        get
        {
            KernelExecutionException original = this;
            while (original.InnerException is KernelExecutionException cause)
            {
                original = cause;
            }

            return original.KernelName;
        }
    }

    internal static KernelExecutionException Threw(string kernelName, DeviceStream stream, Exception thrown)
        => new(kernelName, $"Kernel '{kernelName}' failed on {stream.Description}: {thrown.Message}", thrown);

    /// <summary>The failure of a kernel that did not run because the last writer of an array it reads failed.</summary>
    /// <param name="kernelName">The kernel that did not run.</param>
    /// <param name="stream">Its stream.</param>
    /// <param name="parameter">The parameter it reads the array as.</param>
    /// <param name="writerName">The kernel that last wrote the array.</param>
    /// <param name="writerStream">That kernel's stream.</param>
    /// <param name="cause">Why that kernel failed (itself, or a kernel it depended on).</param>
    internal static KernelExecutionException Skipped(string kernelName, DeviceStream stream, string parameter, string writerName,
        DeviceStream writerStream, KernelExecutionException cause)
    {
        KernelExecutionException original = cause;
        while (original.InnerException is KernelExecutionException earlier)
        {
            original = earlier;
        }

        string how = ReferenceEquals(original, cause) ? "which failed" : "which did not run either";
        return new KernelExecutionException(kernelName,
            $"Kernel '{kernelName}' did not run on {stream.Description}: the array it reads as '{parameter}' was last written by kernel "
            + $"'{writerName}' on {writerStream.Description}, {how}. {original.Message}",
            cause);
    }
}
