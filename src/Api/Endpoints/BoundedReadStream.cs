using HttmOrleans.Api.Infrastructure;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// A request body read forwards only, refused with a 413 once more than <c>maxBytes</c> came through. Counting
/// here covers chunked bodies, which carry no Content-Length to check up front.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long maxBytes) : Stream
{
    /// <summary>
    /// How much of an oversized body is read and dropped before the 413 goes out. A client still sending when the
    /// server answers and closes sees a broken pipe instead of the answer; past this much, it gets the broken pipe.
    /// </summary>
    public const long DrainBytes = 8 << 20;

    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    // A request body has no length until it has been read, and goes forwards only: CanSeek and CanWrite say so,
    // and Stream's contract for such a stream is that these members refuse.
    public override long Length => throw new NotSupportedException("A request body's length is known only once it has been read.");

    /// <summary>The bytes read so far.</summary>
    public override long Position { get => _read; set => throw new NotSupportedException("A request body reads forwards only."); }

    // Kestrel refuses synchronous reads of a request body (AllowSynchronousIO is off), so every read comes here.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (set just above this bound) noticed first: answer the same problem.
            throw UploadException.TooLarge(maxBytes);
        }

        if (_read + read > maxBytes)
        {
            await DrainAsync(inner, cancellationToken);
            throw UploadException.TooLarge(maxBytes);
        }

        _read += read;
        return read;
    }

    /// <summary>Reads and drops what is left of a refused body, up to <see cref="DrainBytes"/> or a few seconds.</summary>
    public static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DrainTime);
        var buffer = new byte[1 << 16];
        long drained = 0;
        try
        {
            while (drained < DrainBytes && await body.ReadAsync(buffer, timeout.Token) is > 0 and var n) drained += n;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Past the drain allowance, or the client gave up: the connection closes with the answer.
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A request body reads forwards only.");

    public override void SetLength(long value) => throw new NotSupportedException("A request body is read, not written.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A request body is read, not written.");
}
