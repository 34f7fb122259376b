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
        private readonly delegate* unmanaged<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result> create;
        private readonly delegate* unmanaged<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void> destroy;

        private DebugUtils(nint create, nint destroy)
        {
            this.create = (delegate* unmanaged<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result>)create;
            this.destroy = (delegate* unmanaged<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void>)destroy;
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
            => create(instance, info, null, messenger);

        public void Destroy(Instance instance, DebugUtilsMessengerEXT messenger) => destroy(instance, messenger, null);
    }

    /// <summary><c>vkCmdPushDescriptorSetKHR</c> (<c>VK_KHR_push_descriptor</c>).</summary>
    internal readonly struct PushDescriptor
    {
        private readonly delegate* unmanaged<CommandBuffer, PipelineBindPoint, PipelineLayout, uint, uint, WriteDescriptorSet*, void> push;

        private PushDescriptor(nint push)
            => this.push = (delegate* unmanaged<CommandBuffer, PipelineBindPoint, PipelineLayout, uint, uint, WriteDescriptorSet*, void>)push;

        public bool IsLoaded => push != null;

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
            if (push == null)
            {
                throw new InvalidOperationException("vkCmdPushDescriptorSetKHR is not loaded.");
            }

            push(commandBuffer, PipelineBindPoint.Compute, layout, set, count, writes);
        }
    }
}
