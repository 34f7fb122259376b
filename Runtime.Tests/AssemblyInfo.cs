using Xunit;

// Errors surface at the next synchronization of any stream (Mx.Synchronize): tests that provoke failures must not
// run beside tests that expect a clean synchronization.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
