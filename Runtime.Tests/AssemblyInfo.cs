using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

// Errors surface at the next synchronization of any stream (Mx.Synchronize): tests that provoke failures must not
// run beside tests that expect a clean synchronization.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Any Vulkan validation error (synchronization validation included) fails the test it happened in.
[assembly: NoValidationErrors]
