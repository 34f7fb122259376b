// Placeholder declarations so the skeleton builds; the runtime core replaces this file.
using System;

namespace Tandem;

/// <summary>Placeholder.</summary>
public abstract class UnifiedArray
{
    /// <summary>Placeholder.</summary>
    public int Length { get; protected init; }
}

/// <summary>Placeholder.</summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Array<T> : UnifiedArray where T : unmanaged
{
}

/// <summary>Placeholder.</summary>
public readonly struct StreamOrDevice
{
}
