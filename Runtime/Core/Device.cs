namespace Tandem;

/// <summary>
/// A processor that runs kernels: <see cref="Mx.Cpu"/> or <see cref="Mx.Gpu"/>. Arrays belong to no device; pick
/// the device per operation.
/// </summary>
public sealed class Device
{
    internal Device(DeviceType type, string name)
    {
        Type = type;
        Name = name;
    }

    /// <summary>Whether this is the CPU or a GPU.</summary>
    public DeviceType Type { get; }

    /// <summary>A human-readable name, e.g. the GPU's product name.</summary>
    public string Name { get; }

    /// <summary>The short form used in messages: <c>cpu</c> or <c>gpu</c>.</summary>
    internal string ShortName => Type == DeviceType.Cpu ? "cpu" : "gpu";

    /// <inheritdoc />
    public override string ToString() => $"Device({ShortName}, {Name})";
}
