using System.Globalization;
using System.Text;

namespace HttmOrleans.Dashboard.Tests.Infrastructure;

/// <summary>
/// Seeded interactions with known structure (low-rank user/item factors plus noise, power-law item
/// popularity), generated rather than shipped because public rating sets forbid redistribution.
/// </summary>
public static class GeneratedRatings
{
    public static string Csv(int users, int items, int perUser, int seed)
    {
        var random = new Random(seed);
        const int rank = 4;
        var userFactors = Matrix(random, users, rank);
        var itemFactors = Matrix(random, items, rank);
        // Popularity ~ 1/(rank+1)^0.8: a few items draw most interactions, as in real catalogues.
        var weights = Enumerable.Range(0, items).Select(i => 1.0 / Math.Pow(i + 1, 0.8)).ToArray();
        var total = weights.Sum();
        var csv = new StringBuilder("user_id,item_id,rating,timestamp\n");
        for (var u = 0; u < users; u++)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < Math.Min(perUser, items))
            {
                var pick = random.NextDouble() * total;
                var i = 0;
                while (i < items - 1 && (pick -= weights[i]) > 0) i++;
                chosen.Add(i);
            }

            foreach (var i in chosen)
            {
                var affinity = 0.0;
                for (var k = 0; k < rank; k++) affinity += userFactors[u, k] * itemFactors[i, k];
                var rating = Math.Clamp(Math.Round(3 + affinity + (random.NextDouble() - 0.5)), 1, 5);
                csv.Append(CultureInfo.InvariantCulture, $"u{u},i{i},{rating},{1_700_000_000 + (u * 1000) + i}\n");
            }
        }

        return csv.ToString();
    }

    private static double[,] Matrix(Random random, int rows, int columns)
    {
        var m = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++) m[r, c] = (random.NextDouble() - 0.5) * 1.5;
        return m;
    }
}
