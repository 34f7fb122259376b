using System;
using System.Reflection;
using Tandem.Backends.Vulkan.Compute;
using Xunit.Sdk;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// Applied to the whole test assembly: a test fails when the Vulkan validation layer (with synchronization validation)
/// reported an error while it ran, whether or not it is a GPU test class; the reliability tests (random schedules,
/// stress, faults) run GPU streams too. Tests run one at a time, so the process-wide log belongs to the running test
/// once every stream has finished: the check waits for all streams first, and a test that left a failed op nobody
/// reported fails too (it would surface in a later test). Errors found before a test starts were recorded after the
/// previous one ended (a finalizer, a late batch): they fail the test they appear in, named as leftovers, instead of
/// being wiped.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoValidationErrorsAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) =>
        Check($"before {methodUnderTest?.Name} ran (left by an earlier test)");

    public override void After(MethodInfo methodUnderTest) => Check($"while {methodUnderTest?.Name} ran");

    private static void Check(string when)
    {
        try
        {
            Mx.Synchronize();
        }
        catch (KernelExecutionException failure)
        {
            throw new XunitException($"A failed op nobody reported, {when}: {failure.Message}");
        }

        int count = ValidationLog.ErrorCount;
        if (count > 0)
        {
            string errors = string.Join(Environment.NewLine, ValidationLog.Errors);
            ValidationLog.Clear();
            throw new XunitException($"{count} Vulkan validation error(s) {when}:{Environment.NewLine}{errors}");
        }
    }
}
