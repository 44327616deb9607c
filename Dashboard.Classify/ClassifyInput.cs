namespace Dashboard.Classify;

/// <summary>One file to classify: where it is, and the name it is printed under.</summary>
internal sealed record ClassifyInput(string Path, string Name)
{
    /// <summary>
    /// The files under <paramref name="paths"/>: a file as given, a folder's files recursively (hidden
    /// ones skipped) in ordinal order, named relative to that folder with forward slashes. Null, and the
    /// <paramref name="missing"/> path, when a path is neither a file nor a folder.
    /// </summary>
    public static List<ClassifyInput>? List(IReadOnlyList<string> paths, out string? missing)
    {
        missing = null;
        var inputs = new List<ClassifyInput>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                inputs.Add(new ClassifyInput(path, path));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    inputs.Add(new ClassifyInput(file, System.IO.Path.GetRelativePath(path, file).Replace('\\', '/')));
                }
            }
            else
            {
                missing = path;
                return null;
            }
        }
        return inputs;
    }

    /// <summary>The most of a file that is read, as in <see cref="Core.Bounces.BounceParser.Parse(Stream)"/>.</summary>
    private const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>Files up to this size are read into the thread's own reused buffer.</summary>
    private const int ReusedBufferBytes = 1024 * 1024;

    [ThreadStatic]
    private static byte[]? fileBuffer;

    /// <summary>
    /// The file's bytes, in the calling thread's reused buffer when they fit (valid until the thread's
    /// next read): a run reads thousands of small files, and a fresh array per file was a sixth of
    /// everything allocated.
    /// </summary>
    public ReadOnlyMemory<byte> Read()
    {
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = (int)Math.Min(RandomAccess.GetLength(handle), MaxFileBytes);
        var buffer = length <= ReusedBufferBytes
            ? fileBuffer is { } reused && reused.Length >= length ? reused : fileBuffer = new byte[Math.Max(length, 64 * 1024)]
            : new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(read, length - read), read);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        return new ReadOnlyMemory<byte>(buffer, 0, read);
    }
}
