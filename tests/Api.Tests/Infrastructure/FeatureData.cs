using System.Globalization;
using System.Text;

namespace HttmOrleans.Api.Tests.Infrastructure;

/// <summary>
/// A small shop with features that carry the signal: 40 users (even ids F, odd M; an age; an occupation) and 30
/// items (i0–i14 Comedy, some also Family; i15–i29 Drama). F users mostly buy Comedy, M users Drama, a few the other
/// genre. <see cref="NewItem"/> is a Comedy item with features but no interaction, so a feature model can recommend
/// it to F users and an interactions-only model cannot. Seeded: the same files every run.
/// </summary>
public static class FeatureData
{
    public const string NewItem = "i_new";

    public static string UsersCsv()
    {
        var occupations = new[] { "writer", "engineer", "artist", "doctor" };
        var csv = new StringBuilder("user_id,age,gender,occupation\n");
        for (var u = 0; u < 40; u++)
            csv.Append(CultureInfo.InvariantCulture, $"u{u},{18 + u},{(u % 2 == 0 ? "F" : "M")},{occupations[u % occupations.Length]}\n");
        return csv.ToString();
    }

    public static string ItemsCsv()
    {
        var csv = new StringBuilder("item_id,genres,price\n");
        for (var i = 0; i < 30; i++)
            csv.Append(CultureInfo.InvariantCulture, $"i{i},{(i < 15 ? (i % 3 == 0 ? "Comedy|Family" : "Comedy") : "Drama")},{5 + i}\n");
        csv.Append(CultureInfo.InvariantCulture, $"{NewItem},Comedy|Family,9\n");
        return csv.ToString();
    }

    public static string InteractionsCsv()
    {
        var random = new Random(11);
        var csv = new StringBuilder("user_id,item_id,rating\n");
        for (var u = 0; u < 40; u++)
        {
            var liked = u % 2 == 0 ? 0 : 15;
            foreach (var i in Enumerable.Range(liked, 15).OrderBy(_ => random.Next()).Take(8))
                csv.Append(CultureInfo.InvariantCulture, $"u{u},i{i},{random.Next(3, 6)}\n");
            csv.Append(CultureInfo.InvariantCulture, $"u{u},i{(liked + 15 + random.Next(15)) % 30},1\n");
        }

        return csv.ToString();
    }

    /// <summary>Whether an item is a Comedy (the genre F users like).</summary>
    public static bool IsComedy(string item) =>
        item == NewItem || (item.StartsWith('i') && int.TryParse(item.AsSpan(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i < 15);
}
