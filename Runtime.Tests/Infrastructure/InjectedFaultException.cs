using System;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>The failure <see cref="FaultInjection"/> puts where a kernel launch would have failed.</summary>
internal sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
        : this("a fault was injected.")
    {
    }

    public InjectedFaultException(string what)
        : this(what, null)
    {
    }

    public InjectedFaultException(string what, Exception? innerException)
        : base("Injected fault (test hook): " + what, innerException)
    {
    }

    /// <summary>The stream of the launch that was made to fail, or null.</summary>
    public DeviceStream? Stream { get; init; }

    /// <summary>That launch's sequence number on its stream.</summary>
    public ulong Sequence { get; init; }
}
