using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// SPIR-V modules on disk, one file per key (<c>&lt;key&gt;.spv</c>). A file is a 76-byte header — the magic
/// <c>TANDSPV2</c>, the payload length (uint32, little-endian), the SHA-256 of the payload and the SHA-256 of the key it
/// was stored under (the key hashes what the module was compiled from: source, entry point, compiler, options) — then
/// the payload. A file whose header, length, payload hash or key does not match is deleted and reported as a miss,
/// never loaded: a file copied or swapped under another kernel's key is rebuilt. Writes go to a temporary file that is
/// renamed into place, so readers never see half a file.
/// </summary>
/// <remarks>
/// A directory that cannot be used (the path is a file, or it cannot be created or written) turns the disk cache off
/// for this instance, with one warning that names <c>TANDEM_SHADER_CACHE</c>: shaders are then compiled without it
/// (<see cref="Problem"/> says why). Thread- and process-safe: concurrent writers of one key write the same bytes; the
/// last rename wins.
/// </remarks>
internal sealed class ShaderDiskCache
{
    public const int HeaderSize = 8 + 4 + 32 + 32;
    private static ReadOnlySpan<byte> Magic => "TANDSPV2"u8;

    private readonly Action<string> _warn;
    private string? _problem;

    /// <param name="directory">Where the entries live.</param>
    /// <param name="warn">Where the one warning goes when the directory cannot be used; the standard error by default.</param>
    public ShaderDiskCache(string directory, Action<string>? warn = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
        _warn = warn ?? Console.Error.WriteLine;
    }

    public string Directory { get; }

    /// <summary>Why the disk cache is off (the directory cannot be used), or null while it works.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>The file that holds <paramref name="key"/>.</summary>
    public string PathFor(string key) => Path.Combine(Directory, key + ".spv");

    /// <summary>True when an entry for <paramref name="key"/> exists (valid or not).</summary>
    public bool Contains(string key) => Problem is null && File.Exists(PathFor(key));

    /// <summary>Reads and verifies an entry.</summary>
    /// <returns>True with the payload on a valid hit; false on a miss or a corrupt entry (then deleted).</returns>
    public bool TryRead(string key, out byte[] payload)
    {
        payload = [];
        if (Problem is not null)
        {
            return false;
        }

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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TurnOff(e);
            return false;
        }

        if (!IsValid(file, key))
        {
            TryDelete(path);
            return false;
        }

        payload = file.AsSpan(HeaderSize).ToArray();
        return true;
    }

    /// <summary>Writes an entry atomically (temporary file + rename); does nothing once the disk cache is off.</summary>
    public void Write(string key, ReadOnlySpan<byte> payload)
    {
        if (Problem is not null)
        {
            return;
        }

        byte[] file = new byte[HeaderSize + payload.Length];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), (uint)payload.Length);
        SHA256.HashData(payload, file.AsSpan(12, 32));
        KeyHash(key, file.AsSpan(44, 32));
        payload.CopyTo(file.AsSpan(HeaderSize));

        string final = PathFor(key);
        string temporary = final + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllBytes(temporary, file);
            File.Move(temporary, final, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TurnOff(e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private void TurnOff(Exception cause)
    {
        string why = File.Exists(Directory) ? "the path is a file, not a directory" : cause.Message;
        string message = $"The shader cache '{Directory}' ({ShaderCompiler.CacheVariable}) cannot be used: {why}. Kernels are compiled "
            + $"without a disk cache; set {ShaderCompiler.CacheVariable} to a writable directory to keep compiled shaders.";
        if (Interlocked.CompareExchange(ref _problem, message, null) is null)
        {
            _warn("Tandem: " + message);
        }
    }

    private static bool IsValid(ReadOnlySpan<byte> file, string key)
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
        if (!hash.SequenceEqual(file.Slice(12, 32)))
        {
            return false;
        }

        KeyHash(key, hash);
        return hash.SequenceEqual(file.Slice(44, 32));
    }

    private static void KeyHash(string key, Span<byte> destination) => SHA256.HashData(Encoding.UTF8.GetBytes(key), destination);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process may hold or have removed it, or the directory is not usable; a later read checks again.
        }
    }
}
