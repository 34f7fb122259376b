using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Silk.NET.Core.Native;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// The Vulkan API entry points (the loader), one <c>VkInstance</c>, and — when validation is on — the
/// <c>VK_LAYER_KHRONOS_validation</c> layer with a debug-utils messenger feeding <see cref="ValidationLog"/>.
/// </summary>
internal sealed unsafe class VulkanInstance : IDisposable
{
    public const string ValidationLayer = "VK_LAYER_KHRONOS_validation";
    public const string ValidationVariable = "TANDEM_VULKAN_VALIDATION";

    /// <summary><c>TANDEM_VULKAN_SYNC_VALIDATION=0</c> leaves the layer's synchronization validation off (it is on with the layer).</summary>
    public const string SyncValidationVariable = "TANDEM_VULKAN_SYNC_VALIDATION";

    private const string DebugUtilsExtension = "VK_EXT_debug_utils";
    private const string ValidationFeaturesExtension = "VK_EXT_validation_features";

    public static readonly uint Version12 = MakeVersion(1, 2, 0);
    public static readonly uint Version13 = MakeVersion(1, 3, 0);

    private readonly ExtensionFunctions.DebugUtils _debugUtils;
    private DebugUtilsMessengerEXT _messenger;
    private bool _disposed;

    private VulkanInstance(Vk vk, Instance instance, bool validation, bool syncValidation, ExtensionFunctions.DebugUtils debugUtils,
        DebugUtilsMessengerEXT messenger)
    {
        Api = vk;
        Handle = instance;
        ValidationEnabled = validation;
        SynchronizationValidationEnabled = syncValidation;
        _debugUtils = debugUtils;
        _messenger = messenger;
    }

    public Vk Api { get; }

    public Instance Handle { get; }

    /// <summary>True when the validation layer is active and its errors reach <see cref="ValidationLog"/>.</summary>
    public bool ValidationEnabled { get; }

    /// <summary>
    /// True when the layer also checks synchronization (<c>VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT</c>):
    /// missing barriers and semaphore waits between commands that touch the same memory are reported as errors
    /// (<c>SYNC-HAZARD-*</c>).
    /// </summary>
    public bool SynchronizationValidationEnabled { get; }

    public static uint MakeVersion(uint major, uint minor, uint patch) => (major << 22) | (minor << 12) | patch;

    /// <summary>Whether validation is asked for by <c>TANDEM_VULKAN_VALIDATION=1</c> or <c>VK_INSTANCE_LAYERS</c>.</summary>
    public static bool ValidationRequestedByEnvironment()
    {
        string? flag = Environment.GetEnvironmentVariable(ValidationVariable);
        string? layers = Environment.GetEnvironmentVariable("VK_INSTANCE_LAYERS");
        return flag is "1" or "true" or "TRUE" or "True"
            || (layers?.Contains(ValidationLayer, StringComparison.Ordinal) ?? false);
    }

    /// <summary>Loads the loader and creates the instance.</summary>
    /// <param name="validation">Enable the validation layer; null follows the environment.</param>
    /// <param name="synchronizationValidation">
    /// With the layer, also check synchronization; null: yes, unless <c>TANDEM_VULKAN_SYNC_VALIDATION=0</c>.
    /// </param>
    /// <exception cref="VulkanUnavailableException">No loader, or no driver.</exception>
    public static VulkanInstance Create(bool? validation, bool? synchronizationValidation = null)
    {
        Vk vk;
        try
        {
            vk = VulkanLoader.Load();
            uint probe = 0;
            vk.EnumerateInstanceExtensionProperties((byte*)null, &probe, null);
        }
        catch (Exception e) when (e is DllNotFoundException or FileNotFoundException or EntryPointNotFoundException
                                      or BadImageFormatException or TypeInitializationException or PlatformNotSupportedException)
        {
            throw new VulkanUnavailableException($"The Vulkan loader (libvulkan.so.1 / vulkan-1.dll) could not be loaded: {e.Message}", e);
        }

        bool wantValidation = validation ?? ValidationRequestedByEnvironment();
        bool layerPresent = wantValidation && InstanceLayers(vk).Contains(ValidationLayer);
        HashSet<string> extensions = InstanceExtensions(vk);
        bool debugUtilsPresent = extensions.Contains(DebugUtilsExtension);
        bool useValidation = wantValidation && layerPresent;

        uint apiVersion = Version12;
        uint loaderVersion = 0;
        if (vk.EnumerateInstanceVersion(&loaderVersion) == Result.Success && loaderVersion >= Version13)
        {
            apiVersion = Version13;
        }

        var layerNames = new List<string>();
        var extensionNames = new List<string>();
        if (useValidation)
        {
            layerNames.Add(ValidationLayer);
        }

        if (wantValidation && debugUtilsPresent)
        {
            extensionNames.Add(DebugUtilsExtension);
        }

        // Asked for in code rather than through the layer's settings file or VK_LAYER_ENABLES, so every run with
        // validation checks synchronization the same way.
        bool syncValidation = useValidation && (synchronizationValidation ?? SyncValidationWanted()) && LayerExtensions(vk, ValidationLayer).Contains(ValidationFeaturesExtension);
        if (syncValidation)
        {
            extensionNames.Add(ValidationFeaturesExtension);
        }

        nint appName = SilkMarshal.StringToPtr("Tandem");
        nint layers = SilkMarshal.StringArrayToPtr(layerNames);
        nint exts = SilkMarshal.StringArrayToPtr(extensionNames);
        try
        {
            var messengerInfo = MessengerCreateInfo();
            ValidationFeatureEnableEXT syncFeature = ValidationFeatureEnableEXT.SynchronizationValidationExt;
            var validationFeatures = new ValidationFeaturesEXT
            {
                SType = StructureType.ValidationFeaturesExt,
                EnabledValidationFeatureCount = 1,
                PEnabledValidationFeatures = &syncFeature,
                PNext = wantValidation && debugUtilsPresent ? &messengerInfo : null,
            };
            void* chain = syncValidation ? &validationFeatures : wantValidation && debugUtilsPresent ? &messengerInfo : null;
            var app = new ApplicationInfo
            {
                SType = StructureType.ApplicationInfo,
                PApplicationName = (byte*)appName,
                PEngineName = (byte*)appName,
                ApplicationVersion = MakeVersion(0, 1, 0),
                EngineVersion = MakeVersion(0, 1, 0),
                ApiVersion = apiVersion,
            };
            var info = new InstanceCreateInfo
            {
                SType = StructureType.InstanceCreateInfo,
                PApplicationInfo = &app,
                EnabledLayerCount = (uint)layerNames.Count,
                PpEnabledLayerNames = (byte**)layers,
                EnabledExtensionCount = (uint)extensionNames.Count,
                PpEnabledExtensionNames = (byte**)exts,
                PNext = chain, // the messenger reports instance creation too
            };

            Instance instance;
            Result result = vk.CreateInstance(&info, null, &instance);
            if (result == Result.ErrorIncompatibleDriver)
            {
                throw new VulkanUnavailableException("The Vulkan loader found no driver (ICD) supporting Vulkan 1.2.");
            }

            VkCheck.Success(result, "vkCreateInstance");

            var messenger = default(DebugUtilsMessengerEXT);
            ExtensionFunctions.DebugUtils functions = default;
            if (wantValidation && debugUtilsPresent && ExtensionFunctions.DebugUtils.TryLoad(vk, instance, out functions))
            {
                VkCheck.Success(functions.Create(instance, &messengerInfo, &messenger), "vkCreateDebugUtilsMessengerEXT");
            }

            // VK_INSTANCE_LAYERS may have enabled the layer without us naming it.
            bool active = useValidation || (wantValidation && messenger.Handle != 0 && EnvironmentEnablesLayer());
            return new VulkanInstance(vk, instance, active, syncValidation, functions, messenger);
        }
        finally
        {
            SilkMarshal.Free(appName);
            SilkMarshal.Free(layers);
            SilkMarshal.Free(exts);
        }
    }

    private static bool SyncValidationWanted()
        => Environment.GetEnvironmentVariable(SyncValidationVariable) is not ("0" or "false" or "FALSE" or "False");

    private static bool EnvironmentEnablesLayer()
        => Environment.GetEnvironmentVariable("VK_INSTANCE_LAYERS")?.Contains(ValidationLayer, StringComparison.Ordinal) ?? false;

    private static DebugUtilsMessengerCreateInfoEXT MessengerCreateInfo() => new()
    {
        SType = StructureType.DebugUtilsMessengerCreateInfoExt,
        MessageSeverity = DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt | DebugUtilsMessageSeverityFlagsEXT.WarningBitExt,
        MessageType = DebugUtilsMessageTypeFlagsEXT.GeneralBitExt | DebugUtilsMessageTypeFlagsEXT.ValidationBitExt |
                      DebugUtilsMessageTypeFlagsEXT.PerformanceBitExt,
        PfnUserCallback = new PfnDebugUtilsMessengerCallbackEXT(&ValidationLog.OnMessage),
    };

    private static HashSet<string> InstanceLayers(Vk vk)
    {
        uint count = 0;
        VkCheck.Success(vk.EnumerateInstanceLayerProperties(&count, null), "vkEnumerateInstanceLayerProperties");
        var layers = new LayerProperties[count];
        fixed (LayerProperties* p = layers)
        {
            VkCheck.Success(vk.EnumerateInstanceLayerProperties(&count, p), "vkEnumerateInstanceLayerProperties");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (int)count; i++)
        {
            fixed (byte* name = layers[i].LayerName)
            {
                names.Add(Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name)));
            }
        }

        return names;
    }

    private static HashSet<string> InstanceExtensions(Vk vk) => LayerExtensions(vk, null);

    /// <summary>The instance extensions of <paramref name="layer"/>, or of the implementation and implicit layers when null.</summary>
    private static HashSet<string> LayerExtensions(Vk vk, string? layer)
    {
        nint layerName = layer is null ? 0 : SilkMarshal.StringToPtr(layer);
        uint count = 0;
        var properties = Array.Empty<ExtensionProperties>();
        try
        {
            VkCheck.Success(vk.EnumerateInstanceExtensionProperties((byte*)layerName, &count, null), "vkEnumerateInstanceExtensionProperties");
            properties = new ExtensionProperties[count];
            fixed (ExtensionProperties* p = properties)
            {
                VkCheck.Success(vk.EnumerateInstanceExtensionProperties((byte*)layerName, &count, p), "vkEnumerateInstanceExtensionProperties");
            }
        }
        finally
        {
            if (layerName != 0)
            {
                SilkMarshal.Free(layerName);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < (int)count; i++)
        {
            fixed (byte* name = properties[i].ExtensionName)
            {
                names.Add(Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name)));
            }
        }

        return names;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_messenger.Handle != 0)
        {
            _debugUtils.Destroy(Handle, _messenger);
            _messenger = default;
        }

        Api.DestroyInstance(Handle, null);
    }
}
