using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Tandem.Backends.Vulkan.Compute;
using Tandem.Backends.Vulkan.GpuDevice;
using Xunit;

namespace Tandem.Runtime.Tests.Architecture;

/// <summary>
/// Every type of the runtime assembly uses only what its layer may import (docs/ARCHITECTURE.md's table): the Vulkan
/// layer nothing above it, the core no backend, a backend not the other one. Checked on the compiled assembly, so
/// generated code counts too.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly s_runtime = typeof(Mx).Assembly;

    [Fact]
    public void Every_runtime_type_imports_only_what_its_layer_may()
    {
        LayerTable table = LayerTable.Load();
        string[] violations = Violations(table, s_runtime.GetTypes()).ToArray();
        Assert.True(violations.Length == 0,
            $"{violations.Length} import(s) the layer table of docs/ARCHITECTURE.md does not allow (change the code, or the table with a reason):"
            + Environment.NewLine + string.Join(Environment.NewLine, violations.Take(40)));
    }

    [Fact]
    public void Every_runtime_namespace_has_a_row()
    {
        LayerTable table = LayerTable.Load();
        string[] missing = s_runtime.GetTypes().Select(t => t.Namespace).OfType<string>().Where(LayerTable.IsTandem)
            .Distinct().Where(ns => !table.MayImport.ContainsKey(ns)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "Namespaces without a row in docs/ARCHITECTURE.md's layer table: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_check_reports_a_layer_that_imports_one_it_may_not()
    {
        // The Vulkan layer may not use the scheduler, a backend's device layer may: the same check on a real type of
        // each, under the table as written and under one where the compute layer is given the device layer's rows.
        LayerTable table = LayerTable.Load();
        Assert.Empty(Violations(table, [typeof(CommandRecorder)]));
        Assert.Empty(Violations(table, [typeof(GpuStreamExecutor)]));

        var moved = new LayerTable(new Dictionary<string, IReadOnlySet<string>>(table.MayImport, StringComparer.Ordinal)
        {
            [typeof(GpuStreamExecutor).Namespace!] = table.MayImport[typeof(CommandRecorder).Namespace!],
        });
        string[] violations = Violations(moved, [typeof(GpuStreamExecutor)]).ToArray();
        Assert.Contains(violations, v => v.Contains("Tandem.Scheduling.StreamExecutor", StringComparison.Ordinal));
    }

    [Fact]
    public void The_table_is_parsed_by_rows()
    {
        LayerTable table = LayerTable.Parse([
            "| Layer | Namespace | May import |",
            "|---|---|---|",
            "| one | `Tandem.A` (`A/`) | `Tandem.B`, `Tandem.C.Single` |",
            "| two | `Tandem.B` | — |",
            "",
            "| other | `Tandem.Ignored` | |",
        ]);
        Assert.Equal(["Tandem.A", "Tandem.B"], table.MayImport.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Tandem.B", "Tandem.C.Single"], table.MayImport["Tandem.A"].Order(StringComparer.Ordinal));
        Assert.Empty(table.MayImport["Tandem.B"]);
    }

    private static IEnumerable<string> Violations(LayerTable table, IEnumerable<Type> types)
    {
        foreach (Type type in types)
        {
            string? from = type.Namespace;
            if (from is null || !LayerTable.IsTandem(from))
            {
                continue;
            }

            foreach ((Type used, string where) in TypeReferences.Of(type).DistinctBy(r => r.Used))
            {
                if (table.Allows(from, used) == false)
                {
                    yield return $"  {type.FullName}.{where} uses {used.FullName} ({from} may not import {used.Namespace})";
                }
            }
        }
    }
}
