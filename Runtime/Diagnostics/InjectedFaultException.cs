using System;

namespace Tandem.Diagnostics;

/// <summary>The failure <see cref="FaultInjection"/> puts where a kernel launch would have failed.</summary>
internal sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
        : this("a fault was injected.")
    {
    }

    public InjectedFaultException(string what)
        : base("Injected fault (test hook): " + what)
    {
    }

    public InjectedFaultException(string what, Exception? innerException)
        : base("Injected fault (test hook): " + what, innerException)
    {
    }
}
