using System;
using System.Collections.Generic;
using System.Linq;
using Tandem;

/// <summary>Where the matmul and the exp chain of the experiment run.</summary>
internal sealed record Configuration(string Name, string Description, Device MatmulDevice, Device ExpDevice, bool SeparateStreams)
{
    /// <summary>The configurations this machine can run, GPU ones only with a GPU; <paramref name="only"/> filters by name.</summary>
    public static IReadOnlyList<Configuration> Available(IReadOnlyCollection<string>? only)
    {
        var list = new List<Configuration>();
        if (Mx.IsGpuAvailable)
        {
            list.Add(new("gpu", "all on GPU (one stream)", Mx.Gpu, Mx.Gpu, SeparateStreams: false));
            list.Add(new("mixed", "matmul on GPU, exp on CPU", Mx.Gpu, Mx.Cpu, SeparateStreams: true));
            list.Add(new("gpu2", "all on GPU (two streams)", Mx.Gpu, Mx.Gpu, SeparateStreams: true));
        }

        list.Add(new("cpu1", "all on CPU, one stream", Mx.Cpu, Mx.Cpu, SeparateStreams: false));
        list.Add(new("cpu2", "all on CPU, two streams", Mx.Cpu, Mx.Cpu, SeparateStreams: true));
        return only is null ? list : list.Where(c => only.Contains(c.Name)).ToList();
    }

    /// <summary>A picture's title for the configuration named <paramref name="name"/>.</summary>
    public static string Title(string name, int expCount)
    {
        var description = name switch
        {
            "gpu" => "all on GPU (one stream)",
            "mixed" => "matmul on GPU, exp on CPU",
            "gpu2" => "all on GPU (two streams)",
            "cpu1" => "all on CPU, one stream",
            "cpu2" => "all on CPU, two streams",
            _ => name,
        };
        return $"{description}: x = matmul(a, b), then {expCount} x b = exp(b)";
    }

    public (DeviceStream Matmul, DeviceStream Exp) CreateStreams()
    {
        var matmul = Mx.NewStream(MatmulDevice);
        return (matmul, SeparateStreams ? Mx.NewStream(ExpDevice) : matmul);
    }
}

/// <summary>Command-line options: <c>--runs N --warmup N --exp N --only gpu,mixed,cpu1,cpu2 --timeline folder --draw folder</c>.</summary>
internal sealed record SampleOptions(int Runs, int Warmup, int ExpCount, IReadOnlyCollection<string>? Only, string? Timeline = null, string? Draw = null)
{
    public static SampleOptions Parse(string[] args)
    {
        var options = new SampleOptions(Runs: 15, Warmup: 5, ExpCount: 500, Only: null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--runs" => options with { Runs = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--exp" => options with { ExpCount = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--only" => options with { Only = args[i + 1].Split(',') },
                "--timeline" => options with { Timeline = args[i + 1] },
                "--draw" => options with { Draw = args[i + 1] },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Use --runs N, --warmup N, --exp N, --only gpu,mixed,cpu1,cpu2, --timeline folder, --draw folder."),
            };
        }

        return options;
    }
}
