namespace Tandem.Memory;

/// <summary>
/// Implemented by the backend handle of memory whose device keeps a copy of its own (a discrete GPU): before the host
/// reads the bytes, the host copy is brought up to date; when the host writes them, the device copy becomes stale.
/// </summary>
/// <remarks>
/// Called from any thread, often from several chunks of one CPU kernel at once; cheap when nothing has to move. The
/// scheduler already orders the accesses (a host read waits for the device write it depends on), so this only moves
/// bytes, it never waits for other work.
/// </remarks>
internal interface IHostCoherence
{
    void PrepareHostAccess(bool write);
}
