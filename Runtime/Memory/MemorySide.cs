namespace Tandem.Memory;

/// <summary>Which copy of a buffer an access uses.</summary>
internal enum MemorySide
{
    /// <summary>The host copy: the host thread and CPU streams.</summary>
    Host,

    /// <summary>The device copy: kernels of a device backend (a GPU stream).</summary>
    Device,
}

/// <summary>What a new buffer holds before anything writes it.</summary>
internal enum BufferContents
{
    /// <summary>Zeros, made on whichever side first uses the buffer (<c>Mx.Zeros</c>, and any array not made for an op's output).</summary>
    Zeros,

    /// <summary>
    /// Nothing defined: the op the buffer is made for writes every element before anything reads it, so neither side
    /// clears or copies anything for it.
    /// </summary>
    Undefined,
}
