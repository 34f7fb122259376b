using System;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

// Tandem.Device (the public device type) would otherwise hide Vulkan's device handle here.
using Device = Silk.NET.Vulkan.Device;

/// <summary>
/// Extension entry points that the core <c>Silk.NET.Vulkan</c> package does not wrap (its extension packages
/// are not used): loaded with <c>vkGet*ProcAddr</c> and called through function pointers.
/// </summary>
internal static unsafe class ExtensionFunctions
{
    /// <summary><c>vkCreateDebugUtilsMessengerEXT</c>.</summary>
    internal readonly struct DebugUtils
    {
        private readonly delegate* unmanaged<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result> _create;
        private readonly delegate* unmanaged<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void> _destroy;

        private DebugUtils(nint create, nint destroy)
        {
            _create = (delegate* unmanaged<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result>)create;
            _destroy = (delegate* unmanaged<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void>)destroy;
        }

        public static bool TryLoad(Vk vk, Instance instance, out DebugUtils functions)
        {
            nint create, destroy;
            fixed (byte* c = "vkCreateDebugUtilsMessengerEXT"u8, d = "vkDestroyDebugUtilsMessengerEXT"u8)
            {
                create = vk.GetInstanceProcAddr(instance, c);
                destroy = vk.GetInstanceProcAddr(instance, d);
            }

            functions = new DebugUtils(create, destroy);
            return create != 0 && destroy != 0;
        }

        public Result Create(Instance instance, DebugUtilsMessengerCreateInfoEXT* info, DebugUtilsMessengerEXT* messenger)
            => _create(instance, info, null, messenger);

        public void Destroy(Instance instance, DebugUtilsMessengerEXT messenger) => _destroy(instance, messenger, null);
    }

    /// <summary><c>vkCmdPushDescriptorSetKHR</c> (<c>VK_KHR_push_descriptor</c>).</summary>
    internal readonly struct PushDescriptor
    {
        private readonly delegate* unmanaged<CommandBuffer, PipelineBindPoint, PipelineLayout, uint, uint, WriteDescriptorSet*, void> _push;

        private PushDescriptor(nint push)
            => _push = (delegate* unmanaged<CommandBuffer, PipelineBindPoint, PipelineLayout, uint, uint, WriteDescriptorSet*, void>)push;

        public bool IsLoaded => _push != null;

        public static bool TryLoad(Vk vk, Device device, out PushDescriptor functions)
        {
            nint fn;
            fixed (byte* name = "vkCmdPushDescriptorSetKHR"u8)
            {
                fn = vk.GetDeviceProcAddr(device, name);
            }

            functions = new PushDescriptor(fn);
            return fn != 0;
        }

        public void Push(CommandBuffer commandBuffer, PipelineLayout layout, uint set, uint count, WriteDescriptorSet* writes)
        {
            if (_push == null)
            {
                throw new InvalidOperationException("vkCmdPushDescriptorSetKHR is not loaded.");
            }

            _push(commandBuffer, PipelineBindPoint.Compute, layout, set, count, writes);
        }
    }
    /// <summary>
    /// <c>vkGetPhysicalDeviceCalibrateableTimeDomainsKHR</c> and <c>vkGetCalibratedTimestampsKHR</c>
    /// (<c>VK_KHR_calibrated_timestamps</c>, or the same functions with the <c>EXT</c> suffix).
    /// </summary>
    internal readonly struct CalibratedTimestamps
    {
        private readonly delegate* unmanaged<PhysicalDevice, uint*, TimeDomainKHR*, Result> _domains;
        private readonly delegate* unmanaged<Device, uint, CalibratedTimestampInfoKHR*, ulong*, ulong*, Result> _timestamps;

        private CalibratedTimestamps(nint domains, nint timestamps)
        {
            _domains = (delegate* unmanaged<PhysicalDevice, uint*, TimeDomainKHR*, Result>)domains;
            _timestamps = (delegate* unmanaged<Device, uint, CalibratedTimestampInfoKHR*, ulong*, ulong*, Result>)timestamps;
        }

        /// <param name="vk">The API.</param>
        /// <param name="instance">The instance.</param>
        /// <param name="device">A device created with the extension.</param>
        /// <param name="suffix"><c>KHR</c> or <c>EXT</c>: the extension that was enabled.</param>
        /// <param name="functions">The entry points.</param>
        public static bool TryLoad(Vk vk, Instance instance, Device device, string suffix, out CalibratedTimestamps functions)
        {
            nint domains = vk.GetInstanceProcAddr(instance, "vkGetPhysicalDeviceCalibrateableTimeDomains" + suffix);
            nint timestamps = vk.GetDeviceProcAddr(device, "vkGetCalibratedTimestamps" + suffix);
            functions = new CalibratedTimestamps(domains, timestamps);
            return domains != 0 && timestamps != 0;
        }

        /// <summary>The clocks the device can sample together with its own.</summary>
        public TimeDomainKHR[] Domains(PhysicalDevice physicalDevice)
        {
            uint count = 0;
            VkCheck.Success(_domains(physicalDevice, &count, null), "vkGetPhysicalDeviceCalibrateableTimeDomains");
            var result = new TimeDomainKHR[count];
            fixed (TimeDomainKHR* p = result)
            {
                VkCheck.Success(_domains(physicalDevice, &count, p), "vkGetPhysicalDeviceCalibrateableTimeDomains");
            }

            return result[..(int)count];
        }

        /// <summary>Samples the device's clock and <paramref name="host"/>'s together.</summary>
        public (ulong Device, ulong Host, ulong MaxDeviation) Sample(Device device, TimeDomainKHR host)
        {
            CalibratedTimestampInfoKHR* infos = stackalloc CalibratedTimestampInfoKHR[2];
            infos[0] = new CalibratedTimestampInfoKHR { SType = StructureType.CalibratedTimestampInfoKhr, TimeDomain = TimeDomainKHR.DeviceKhr };
            infos[1] = new CalibratedTimestampInfoKHR { SType = StructureType.CalibratedTimestampInfoKhr, TimeDomain = host };
            ulong* values = stackalloc ulong[2];
            ulong deviation;
            VkCheck.Success(_timestamps(device, 2, infos, values, &deviation), "vkGetCalibratedTimestamps");
            return (values[0], values[1], deviation);
        }
    }
}
