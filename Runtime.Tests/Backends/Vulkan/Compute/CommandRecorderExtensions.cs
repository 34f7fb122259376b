using Tandem.Backends.Vulkan.Compute;

namespace Tandem.Runtime.Tests.Backends.Vulkan.Compute;

/// <summary>The submit-and-wait steps the Vulkan-layer tests repeat; the runtime names each batch's value itself.</summary>
internal static class CommandRecorderExtensions
{
    /// <summary>Submits what was recorded as a batch signalling the next value; returns that value.</summary>
    public static ulong SubmitNext(this CommandRecorder recorder) => recorder.Submit(recorder.SubmittedValue + 1);

    /// <summary>Submits what was recorded and waits until it completed.</summary>
    public static void SubmitAndWait(this CommandRecorder recorder) => recorder.Wait(recorder.SubmitNext());
}
