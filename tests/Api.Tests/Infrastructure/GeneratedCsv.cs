using System.Net;
using System.Text;

namespace HttmOrleans.Api.Tests.Infrastructure;

/// <summary>
/// An interactions CSV written row by row as it is sent, never held: its length is not known up front, so
/// HttpClient sends it chunked. Deterministic: row i is <c>u{i % 997},i{i % 313},{1 + i % 5},{1_700_000_000 + i}</c>.
/// </summary>
public sealed class GeneratedCsv(long rows, string header = "user_id,item_id,rating,timestamp") : HttpContent
{
    /// <summary>The bytes the rows take (header included), for sizing a test against a limit.</summary>
    public static long BytesFor(long rows, string header = "user_id,item_id,rating,timestamp")
    {
        long bytes = header.Length + 1;
        for (long i = 0; i < rows; i++) bytes += Row(i).Length;
        return bytes;
    }

    public static string Row(long i) => $"u{i % 997},i{i % 313},{1 + (i % 5)},{1_700_000_000 + i}\n";

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new StringBuilder(header).Append('\n');
        for (long i = 0; i < rows; i++)
        {
            chunk.Append(Row(i));
            if (chunk.Length >= 1 << 16)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(chunk.ToString()));
                chunk.Clear();
            }
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(chunk.ToString()));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
