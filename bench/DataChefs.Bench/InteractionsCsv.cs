using System.Globalization;
using System.Text;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>
/// A seeded interactions CSV: uniform users, power-law item popularity, half-star ratings,
/// increasing Unix-second timestamps. Streamed to disk, so any size fits in flat memory.
/// </summary>
internal static class InteractionsCsv
{
    public static long Write(string path, long rows, int seed)
    {
        var random = new Random(seed);
        var users = Math.Max(1_000, rows / 50);
        var items = Math.Max(500, rows / 200);
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        using (writer)
        {
            writer.Write("user_id,item_id,rating,timestamp\n");
            var timestamp = 1_600_000_000L;
            Span<char> buffer = stackalloc char[20];
            for (long i = 0; i < rows; i++)
            {
                // r^3 piles most draws onto the first items: a long-tailed popularity curve.
                var item = (long)(items * Math.Pow(random.NextDouble(), 3));
                var rating = random.Next(2, 11) / 2.0;
                timestamp += random.Next(0, 30);
                writer.Write('u');
                Append(writer, random.NextInt64(users), buffer);
                writer.Write(",i");
                Append(writer, item, buffer);
                writer.Write(',');
                writer.Write(rating.ToString("0.0", CultureInfo.InvariantCulture));
                writer.Write(',');
                Append(writer, timestamp, buffer);
                writer.Write('\n');
            }
        }

        return new FileInfo(path).Length;
    }

    private static void Append(StreamWriter writer, long value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}
