using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Silk.NET.Core;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// Records what the validation layer reports through the debug-utils messenger: every error (kept, so tests
/// can assert none happened) and a count of warnings. Process-wide; thread-safe.
/// </summary>
internal static class ValidationLog
{
    private const int MaxKept = 256;
    private static readonly Lock Gate = new();
    private static readonly List<string> KeptErrors = [];
    private static int s_errorCount;
    private static int s_warningCount;

    /// <summary>Validation errors reported since the start (or the last <see cref="Clear"/>).</summary>
    public static int ErrorCount => Volatile.Read(ref s_errorCount);

    /// <summary>Validation warnings reported since the start (or the last <see cref="Clear"/>).</summary>
    public static int WarningCount => Volatile.Read(ref s_warningCount);

    /// <summary>The messages of the first errors (at most 256).</summary>
    public static IReadOnlyList<string> Errors
    {
        get
        {
            lock (Gate)
            {
                return KeptErrors.ToArray();
            }
        }
    }

    /// <summary>Forgets everything recorded so far.</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            KeptErrors.Clear();
            s_errorCount = 0;
            s_warningCount = 0;
        }
    }

    /// <summary>Records one error message.</summary>
    public static void RecordError(string message)
    {
        lock (Gate)
        {
            s_errorCount++;
            if (KeptErrors.Count < MaxKept)
            {
                KeptErrors.Add(message);
            }
        }
    }

    /// <summary>The messenger's callback; Vulkan calls it from any thread.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    internal static unsafe Bool32 OnMessage(DebugUtilsMessageSeverityFlagsEXT severity,
        DebugUtilsMessageTypeFlagsEXT types, DebugUtilsMessengerCallbackDataEXT* data, void* userData)
    {
        try
        {
            if ((severity & DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt) != 0)
            {
                string text = data == null || data->PMessage == null
                    ? "(no message)"
                    : Marshal.PtrToStringUTF8((nint)data->PMessage) ?? "(no message)";
                RecordError(text);
            }
            else if ((severity & DebugUtilsMessageSeverityFlagsEXT.WarningBitExt) != 0)
            {
                Interlocked.Increment(ref s_warningCount);
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into the driver.
        catch
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref s_errorCount);
        }

        return false; // never abort the Vulkan call
    }
}
