using System;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// Vulkan cannot be used on this machine: the loader (<c>libvulkan.so.1</c>) is missing, no driver offers a
/// device, or no device has what Tandem needs. The message says what to install.
/// </summary>
internal sealed class VulkanUnavailableException : InvalidOperationException
{
    public const string InstallHint =
        "Install the Vulkan loader and a driver: 'apt-get install libvulkan1 mesa-vulkan-drivers' " +
        "(llvmpipe, a CPU implementation) or your GPU vendor's driver.";

    public VulkanUnavailableException(string message, Exception? inner = null)
        : base(message + " " + InstallHint, inner)
    {
    }

    /// <summary>A message that says on its own what to do (e.g. a device setting that matches nothing): no install hint.</summary>
    public static VulkanUnavailableException WithoutInstallHint(string message) => new(message, suggestInstall: false);

    private VulkanUnavailableException(string message, bool suggestInstall)
        : base(suggestInstall ? message + " " + InstallHint : message)
    {
    }
}

/// <summary>A Vulkan call returned an error code.</summary>
internal class VulkanException : InvalidOperationException
{
    public VulkanException(string call, Result result)
        : base($"Vulkan call {call} failed: {result}.")
    {
        Call = call;
        Result = result;
    }

    protected VulkanException(string call, Result result, string message)
        : base(message)
    {
        Call = call;
        Result = result;
    }

    /// <summary>The Vulkan function that failed.</summary>
    public string Call { get; }

    /// <summary>The code it returned.</summary>
    public Result Result { get; }
}

/// <summary>
/// The device was lost (<c>VK_ERROR_DEVICE_LOST</c>): a GPU fault, a driver reset or a hang. Every pending
/// and future submission on the context fails; create a new context to continue.
/// </summary>
internal sealed class VulkanDeviceLostException : VulkanException
{
    public VulkanDeviceLostException(string call)
        : base(call, Result.ErrorDeviceLost,
            $"The GPU device was lost during {call} (VK_ERROR_DEVICE_LOST: a GPU fault, a driver reset or a timeout); " +
            "work on it cannot complete, and the Vulkan device cannot be used again.")
    {
    }
}

/// <summary>Turns Vulkan result codes into managed exceptions.</summary>
internal static class VkCheck
{
    /// <summary>Throws unless <paramref name="result"/> is <see cref="Result.Success"/>.</summary>
    /// <param name="result">What the call returned.</param>
    /// <param name="call">The Vulkan function's name, for the message.</param>
    public static void Success(Result result, string call)
    {
        if (result != Result.Success)
        {
            Throw(result, call);
        }
    }

    /// <summary>Throws the managed exception that matches an error code.</summary>
    public static void Throw(Result result, string call) => throw Exception(result, call);

    /// <summary>The managed exception that matches an error code.</summary>
    public static Exception Exception(Result result, string call) => result switch
    {
        Result.ErrorDeviceLost => new VulkanDeviceLostException(call),
        Result.ErrorOutOfDeviceMemory or Result.ErrorOutOfHostMemory or Result.ErrorOutOfPoolMemory =>
            new OutOfMemoryException($"Vulkan call {call} ran out of memory ({result})."),
        _ => new VulkanException(call, result),
    };
}
