using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Cli;

/// <summary>The JSON every <c>--json</c> output is written with (generated serializers: no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MachineReport))]
[JsonSerializable(typeof(PrecompileSummary))]
[JsonSerializable(typeof(CacheListing))]
[JsonSerializable(typeof(CacheClearing))]
[JsonSerializable(typeof(TraceSummary))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Serializes <paramref name="value"/> with this context's metadata.</summary>
    public static string Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);
}
