using System;
using Silk.NET.Core.Native;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

// Tandem.Device (the public device type) would otherwise hide Vulkan's device handle here.
using Device = Silk.NET.Vulkan.Device;

/// <summary>
/// A compute pipeline with the binding convention of generated kernels: set 0 holds <see cref="BindingCount"/>
/// storage buffers at bindings 0..N-1; one push-constant range of <see cref="PushConstantSize"/> bytes (compute
/// stage) holds the uniform block. Created and owned by <see cref="ComputePipelineCache"/>; immutable.
/// </summary>
internal sealed unsafe class ComputePipeline
{
    internal ComputePipeline(DescriptorSetLayout setLayout, PipelineLayout layout, Pipeline handle, int bindingCount,
        int pushConstantSize, Index3D groupSize, string entryPoint, string spirvHash, bool usesPushDescriptors)
    {
        SetLayout = setLayout;
        Layout = layout;
        Handle = handle;
        BindingCount = bindingCount;
        PushConstantSize = pushConstantSize;
        GroupSize = groupSize;
        EntryPoint = entryPoint;
        SpirvHash = spirvHash;
        UsesPushDescriptors = usesPushDescriptors;
    }

    public DescriptorSetLayout SetLayout { get; }

    public PipelineLayout Layout { get; }

    public Pipeline Handle { get; }

    /// <summary>Storage buffers at bindings 0..BindingCount-1 of set 0.</summary>
    public int BindingCount { get; }

    /// <summary>The size of the push-constant range in bytes (a multiple of 4).</summary>
    public int PushConstantSize { get; }

    /// <summary>The shader's <c>[numthreads(x, y, z)]</c>.</summary>
    public Index3D GroupSize { get; }

    public string EntryPoint { get; }

    public string SpirvHash { get; }

    /// <summary>True when the set layout is for <c>vkCmdPushDescriptorSetKHR</c>; else sets come from a pool.</summary>
    public bool UsesPushDescriptors { get; }

    /// <summary>Builds the layout objects and the pipeline.</summary>
    internal static ComputePipeline Create(VulkanContext context, PipelineCache cache, SpirvModule module,
        int bindingCount, int pushConstantSize, Index3D groupSize)
    {
        Vk vk = context.Api;
        Device device = context.Device;
        bool push = context.Info.Features.PushDescriptor;

        var bindings = stackalloc DescriptorSetLayoutBinding[Math.Max(1, bindingCount)];
        for (int i = 0; i < bindingCount; i++)
        {
            bindings[i] = new DescriptorSetLayoutBinding
            {
                Binding = (uint)i,
                DescriptorType = DescriptorType.StorageBuffer,
                DescriptorCount = 1,
                StageFlags = ShaderStageFlags.ComputeBit,
            };
        }

        var setInfo = new DescriptorSetLayoutCreateInfo
        {
            SType = StructureType.DescriptorSetLayoutCreateInfo,
            Flags = push ? DescriptorSetLayoutCreateFlags.PushDescriptorBitKhr : 0,
            BindingCount = (uint)bindingCount,
            PBindings = bindings,
        };

        DescriptorSetLayout setLayout = default;
        PipelineLayout layout = default;
        ShaderModule shader = default;
        try
        {
            VkCheck.Success(vk.CreateDescriptorSetLayout(device, &setInfo, null, &setLayout), "vkCreateDescriptorSetLayout");

            var range = new PushConstantRange { StageFlags = ShaderStageFlags.ComputeBit, Offset = 0, Size = (uint)pushConstantSize };
            var layoutInfo = new PipelineLayoutCreateInfo
            {
                SType = StructureType.PipelineLayoutCreateInfo,
                SetLayoutCount = 1,
                PSetLayouts = &setLayout,
                PushConstantRangeCount = pushConstantSize > 0 ? 1u : 0u,
                PPushConstantRanges = &range,
            };
            VkCheck.Success(vk.CreatePipelineLayout(device, &layoutInfo, null, &layout), "vkCreatePipelineLayout");

            fixed (byte* code = module.Code)
            {
                var shaderInfo = new ShaderModuleCreateInfo
                {
                    SType = StructureType.ShaderModuleCreateInfo,
                    CodeSize = (nuint)module.Code.Length,
                    PCode = (uint*)code,
                };
                VkCheck.Success(vk.CreateShaderModule(device, &shaderInfo, null, &shader), "vkCreateShaderModule");
            }

            nint name = SilkMarshal.StringToPtr(module.EntryPoint);
            try
            {
                var pipelineInfo = new ComputePipelineCreateInfo
                {
                    SType = StructureType.ComputePipelineCreateInfo,
                    // A grid larger than the device's group counts runs as several vkCmdDispatchBase (DispatchGrid.Chunks).
                    Flags = PipelineCreateFlags.CreateDispatchBaseBit,
                    Layout = layout,
                    Stage = new PipelineShaderStageCreateInfo
                    {
                        SType = StructureType.PipelineShaderStageCreateInfo,
                        Stage = ShaderStageFlags.ComputeBit,
                        Module = shader,
                        PName = (byte*)name,
                    },
                };
                Pipeline pipeline;
                VkCheck.Success(vk.CreateComputePipelines(device, cache, 1, &pipelineInfo, null, &pipeline), "vkCreateComputePipelines");
                return new ComputePipeline(setLayout, layout, pipeline, bindingCount, pushConstantSize, groupSize,
                    module.EntryPoint, module.Hash, push);
            }
            finally
            {
                SilkMarshal.Free(name);
            }
        }
        catch
        {
            vk.DestroyPipelineLayout(device, layout, null);
            vk.DestroyDescriptorSetLayout(device, setLayout, null);
            throw;
        }
        finally
        {
            vk.DestroyShaderModule(device, shader, null); // the pipeline keeps what it needs
        }
    }

    internal void Destroy(Vk vk, Device device)
    {
        vk.DestroyPipeline(device, Handle, null);
        vk.DestroyPipelineLayout(device, Layout, null);
        vk.DestroyDescriptorSetLayout(device, SetLayout, null);
    }

    public override string ToString() => $"ComputePipeline({EntryPoint}, {BindingCount} buffers, {PushConstantSize} B uniforms, group {GroupSize})";
}
