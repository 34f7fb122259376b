namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

/// <summary>
/// Hand-written HLSL following the generator's convention: buffers at set 0, binding = buffer parameter
/// order; one push-constant block = extentX, extentY, extentZ, dispatchWidth, one length per buffer, scalars.
/// </summary>
internal static class TestKernels
{
    public const string Saxpy = """
        struct Uniforms { int extentX; int extentY; int extentZ; int dispatchWidth; int len_x; int len_y; float alpha; };
        [[vk::push_constant]] ConstantBuffer<Uniforms> u;
        [[vk::binding(0)]] StructuredBuffer<float> x : register(t0);
        [[vk::binding(1)]] RWStructuredBuffer<float> y : register(u1);

        [numthreads(64, 1, 1)]
        void Saxpy(uint3 id : SV_DispatchThreadID)
        {
            int i = (int)(id.y * (uint)u.dispatchWidth + id.x);
            if (i >= u.extentX) return;
            y[i] = u.alpha * x[i] + y[i];
        }
        """;

    /// <summary>out[i] = i + offset.</summary>
    public const string Iota = """
        struct Uniforms { int extentX; int extentY; int extentZ; int dispatchWidth; int len_o; int offset; };
        [[vk::push_constant]] ConstantBuffer<Uniforms> u;
        [[vk::binding(0)]] RWStructuredBuffer<int> o : register(u0);

        [numthreads(64, 1, 1)]
        void Iota(uint3 id : SV_DispatchThreadID)
        {
            int i = (int)(id.y * (uint)u.dispatchWidth + id.x);
            if (i >= u.extentX) return;
            o[i] = i + u.offset;
        }
        """;

    /// <summary>b[i] = a[i] + 1.</summary>
    public const string AddOne = """
        struct Uniforms { int extentX; int extentY; int extentZ; int dispatchWidth; int len_a; int len_b; };
        [[vk::push_constant]] ConstantBuffer<Uniforms> u;
        [[vk::binding(0)]] StructuredBuffer<int> a : register(t0);
        [[vk::binding(1)]] RWStructuredBuffer<int> b : register(u1);

        [numthreads(64, 1, 1)]
        void AddOne(uint3 id : SV_DispatchThreadID)
        {
            int i = (int)(id.y * (uint)u.dispatchWidth + id.x);
            if (i >= u.extentX) return;
            b[i] = a[i] + 1;
        }
        """;

    /// <summary>A 2D kernel: c[y * w + x] = x * 1000 + y.</summary>
    public const string Coordinates = """
        struct Uniforms { int extentX; int extentY; int extentZ; int dispatchWidth; int len_c; };
        [[vk::push_constant]] ConstantBuffer<Uniforms> u;
        [[vk::binding(0)]] RWStructuredBuffer<int> c : register(u0);

        [numthreads(8, 8, 1)]
        void Coordinates(uint3 id : SV_DispatchThreadID)
        {
            if ((int)id.x >= u.extentX || (int)id.y >= u.extentY) return;
            c[id.y * u.extentX + id.x] = (int)id.x * 1000 + (int)id.y;
        }
        """;

    /// <summary>Writes 7 to a[i] and b[i] for every thread, ignoring the buffers' lengths.</summary>
    public const string Overrun = """
        struct Uniforms { int extentX; int extentY; int extentZ; int dispatchWidth; int len_a; int len_b; };
        [[vk::push_constant]] ConstantBuffer<Uniforms> u;
        [[vk::binding(0)]] RWStructuredBuffer<float> a : register(u0);
        [[vk::binding(1)]] RWStructuredBuffer<float> b : register(u1);

        [numthreads(64, 1, 1)]
        void Overrun(uint3 id : SV_DispatchThreadID)
        {
            a[id.x] = 7.0;
            b[id.x] = 7.0;
        }
        """;

    public const string Broken = """
        [[vk::binding(0)]] RWStructuredBuffer<float> a : register(u0);
        [numthreads(64, 1, 1)]
        void Broken(uint3 id : SV_DispatchThreadID)
        {
            a[id.x] = undefinedThing * 2;
        }
        """;
}
