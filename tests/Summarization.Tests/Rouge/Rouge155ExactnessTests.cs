using System.Globalization;
using HttmOrleans.Summarization.Rouge;

namespace HttmOrleans.Summarization.Tests.Rouge;

public sealed class Rouge155ExactnessTests
{
    public static TheoryData<string, string, string, string, bool, double, double, double> ExpectedRows()
    {
        var data = new TheoryData<string, string, string, string, bool, double, double, double>();
        var lines = File.ReadAllLines(SharedData.Path("rouge", "expected_rouge155_scores.tsv"));
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split('\t');
            data.Add(f[0], f[1], f[2], f[3], bool.Parse(f[4]),
                double.Parse(f[5], CultureInfo.InvariantCulture),
                double.Parse(f[6], CultureInfo.InvariantCulture),
                double.Parse(f[7], CultureInfo.InvariantCulture));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedRows))]
    public void Compat_mode_reproduces_every_rouge155_value_to_five_decimals(
        string targetsFile, string predictionsFile, string lineIndex, string rougeType, bool stem,
        double precision, double recall, double f)
    {
        var target = Read(targetsFile, lineIndex);
        var prediction = Read(predictionsFile, lineIndex);
        var scorer = new RougeScorer(new CompatTokenizer(stem), [rougeType]);

        var score = scorer.Score(target, prediction)[rougeType];

        Assert.Equal(precision, score.Precision, 5);
        Assert.Equal(recall, score.Recall, 5);
        Assert.Equal(f, score.F, 5);
    }

    [Fact]
    public void The_expected_file_covers_all_four_types_with_and_without_stemming()
    {
        var rows = ExpectedRows().Select(r => ((string)r[3], (bool)r[4])).ToHashSet();
        Assert.Contains(("rouge1", true), rows);
        Assert.Contains(("rouge2", false), rows);
        Assert.Contains(("rougeL", false), rows);
        Assert.Contains(("rougeLsum", true), rows);
        Assert.True(ExpectedRows().Count >= 11);
    }

    private static string Read(string file, string lineIndex)
    {
        var path = SharedData.Path(["rouge", .. file.Split('/')]);
        return lineIndex == "whole_file"
            ? File.ReadAllText(path)
            : File.ReadAllLines(path)[int.Parse(lineIndex, CultureInfo.InvariantCulture)];
    }
}
