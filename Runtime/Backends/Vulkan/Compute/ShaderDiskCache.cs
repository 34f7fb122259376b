using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// SPIR-V modules on disk, one file per key (<c>&lt;key&gt;.spv</c>). A file is a 44-byte header — the magic
/// <c>TANDSPV1</c>, the payload length (uint32, little-endian), the SHA-256 of the payload — then the payload.
/// A file whose header, length or hash does not match is deleted and reported as a miss, never loaded. Writes
/// go to a temporary file that is renamed into place, so readers never see half a file.
/// </summary>
/// <remarks>Thread- and process-safe: concurrent writers of one key write the same bytes; the last rename wins.</remarks>
internal sealed class ShaderDiskCache
{
    public const int HeaderSize = 8 + 4 + 32;
    private static ReadOnlySpan<byte> Magic => "TANDSPV1"u8;

    public ShaderDiskCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>The file that holds <paramref name="key"/>.</summary>
    public string PathFor(string key) => Path.Combine(Directory, key + ".spv");

    /// <summary>Reads and verifies an entry.</summary>
    /// <returns>True with the payload on a valid hit; false on a miss or a corrupt entry (then deleted).</returns>
    public bool TryRead(string key, out byte[] payload)
    {
        payload = [];
        string path = PathFor(key);
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        if (!IsValid(file))
        {
            TryDelete(path);
            return false;
        }

        payload = file.AsSpan(HeaderSize).ToArray();
        return true;
    }

    /// <summary>Writes an entry atomically (temporary file + rename).</summary>
    public void Write(string key, ReadOnlySpan<byte> payload)
    {
        System.IO.Directory.CreateDirectory(Directory);
        byte[] file = new byte[HeaderSize + payload.Length];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), (uint)payload.Length);
        SHA256.HashData(payload, file.AsSpan(12, 32));
        payload.CopyTo(file.AsSpan(HeaderSize));

        string final = PathFor(key);
        string temporary = final + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, file);
            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static bool IsValid(ReadOnlySpan<byte> file)
    {
        if (file.Length < HeaderSize || !file[..8].SequenceEqual(Magic))
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(file[8..]);
        if (length != (uint)(file.Length - HeaderSize) || length == 0)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(file[HeaderSize..], hash);
        return hash.SequenceEqual(file.Slice(12, 32));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process may hold or have removed it; a later read checks again.
        }
    }
}
