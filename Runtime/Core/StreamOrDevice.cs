using System;

namespace Tandem;

/// <summary>
/// Where an op runs: a stream, a device (its default stream), or <c>default</c> (the default stream of the default
/// device, as changed by <see cref="Mx.StreamScope"/>).
/// </summary>
public readonly struct StreamOrDevice : IEquatable<StreamOrDevice>
{
    private StreamOrDevice(DeviceStream? stream, Device? device)
    {
        Stream = stream;
        Device = device;
    }

    /// <summary>The stream, when one was given.</summary>
    public DeviceStream? Stream { get; }

    /// <summary>The device, when a device (not a stream) was given.</summary>
    public Device? Device { get; }

    /// <summary>True for <c>default</c>: the current default stream.</summary>
    public bool IsDefault => Stream is null && Device is null;

    /// <summary>Runs on <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream.</param>
    public static implicit operator StreamOrDevice(DeviceStream stream) => FromStream(stream);

    /// <summary>Runs on the default stream of <paramref name="device"/>.</summary>
    /// <param name="device">The device.</param>
    public static implicit operator StreamOrDevice(Device device) => FromDevice(device);

    /// <summary>Runs on <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>The choice.</returns>
    public static StreamOrDevice FromStream(DeviceStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new StreamOrDevice(stream, null);
    }

    /// <summary>Runs on the default stream of <paramref name="device"/>.</summary>
    /// <param name="device">The device.</param>
    /// <returns>The choice.</returns>
    public static StreamOrDevice FromDevice(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new StreamOrDevice(null, device);
    }

    /// <summary>Compares two choices.</summary>
    /// <param name="left">One choice.</param>
    /// <param name="right">The other choice.</param>
    /// <returns>True when both name the same stream or device.</returns>
    public static bool operator ==(StreamOrDevice left, StreamOrDevice right) => left.Equals(right);

    /// <summary>Compares two choices.</summary>
    /// <param name="left">One choice.</param>
    /// <param name="right">The other choice.</param>
    /// <returns>True when they name different streams or devices.</returns>
    public static bool operator !=(StreamOrDevice left, StreamOrDevice right) => !left.Equals(right);

    /// <summary>The stream an op given this choice runs on, now.</summary>
    /// <exception cref="InvalidOperationException">It names the GPU and there is none.</exception>
    internal DeviceStream Resolve()
    {
        if (Stream is not null)
        {
            return Stream;
        }

        return Device is not null ? Mx.DefaultStream(Device) : Mx.DefaultStream(Mx.DefaultDevice);
    }

    /// <inheritdoc />
    public bool Equals(StreamOrDevice other) => Stream == other.Stream && Device == other.Device;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StreamOrDevice other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Stream, Device);

    /// <inheritdoc />
    public override string ToString() => Stream?.ToString() ?? Device?.ToString() ?? "default";
}
