using HttmOrleans.Summarization.Rouge;

namespace HttmOrleans.Summarization.Tests.Rouge;

public sealed class RougeScorerTests
{
    [Fact]
    public void Identical_texts_score_one_on_every_type()
    {
        var scores = RougeScorer.Unicode().Score("the cat sat\non the mat", "the cat sat\non the mat");
        Assert.All(RougeTypes.All, t => Assert.Equal(new RougeScore(1, 1, 1), scores[t]));
    }

    [Fact]
    public void An_empty_prediction_scores_zero_not_nan()
    {
        var scores = RougeScorer.Compat().Score("some reference text", "");
        Assert.All(RougeTypes.All, t => Assert.Equal(RougeScore.Zero, scores[t]));
    }

    [Fact]
    public void Rouge_l_counts_the_longest_common_subsequence()
    {
        // LCS of "a b c d e" and "a x c y e" is "a c e": 3 of 5 on both sides.
        var score = RougeScorer.Compat().Score("a b c d e", "a x c y e")[RougeTypes.RougeL];
        Assert.Equal(0.6, score.Precision, 12);
        Assert.Equal(0.6, score.Recall, 12);
    }

    [Fact]
    public void Repeated_ngrams_are_clipped_to_the_reference_count()
    {
        var score = RougeScorer.Compat().Score("the cat", "the the the")[RougeTypes.Rouge1];
        Assert.Equal(1.0 / 3, score.Precision, 12);
        Assert.Equal(0.5, score.Recall, 12);
    }

    [Fact]
    public void Rouge_lsum_unions_matches_across_prediction_sentences()
    {
        // The reference sentence is matched half by each prediction sentence; only the union sees all of it.
        var scores = RougeScorer.Compat().Score("w1 w2 w3 w4", "w1 w2\nw3 w4");
        Assert.Equal(1.0, scores[RougeTypes.RougeLsum].F, 12);
        Assert.Equal(1.0, scores[RougeTypes.RougeL].F, 12);
        var split = RougeScorer.Compat().Score("w1 w2 w3 w4", "w3 w4\nw1 w2");
        Assert.Equal(1.0, split[RougeTypes.RougeLsum].F, 12);
        Assert.Equal(0.5, split[RougeTypes.RougeL].F, 12);
    }

    [Fact]
    public void Compat_mode_drops_vietnamese_letters_but_unicode_mode_keeps_them()
    {
        const string target = "Hà Nội là thủ đô của Việt Nam";
        const string prediction = "Thủ đô của Việt Nam là Hà Nội";
        Assert.DoesNotContain("nội", new CompatTokenizer().Tokenize(target));
        var unicode = RougeScorer.Unicode().Score(target, prediction)[RougeTypes.Rouge1];
        Assert.Equal(1.0, unicode.F, 12);
        // Tone marks distinguish words: "ma" (ghost), "má" (mother) and "mà" (but) are three tokens.
        var tones = RougeScorer.Unicode().Score("ma má mà", "ma ma ma")[RougeTypes.Rouge1];
        Assert.Equal(1.0 / 3, tones.Recall, 12);
    }

    [Theory]
    [InlineData("Vi\u1EC7t", "Vie\u0323\u0302t")]
    [InlineData("Vi\u1EC7t", "Vie\u0302\u0323t")]
    [InlineData("Vi\u1EC7t", "Vi\u1EB9\u0302t")]
    [InlineData("Ng\u01B0\u1EDDi", "Ngu\u031Bo\u031B\u0300i")]
    public void Unicode_mode_treats_composed_and_decomposed_diacritics_alike(string composed, string decomposed)
    {
        Assert.NotEqual(composed, decomposed);
        Assert.Equal(new UnicodeTokenizer().Tokenize(composed), new UnicodeTokenizer().Tokenize(decomposed));
        Assert.Equal(1.0, RougeScorer.Unicode().Score(composed, decomposed)[RougeTypes.Rouge1].F, 12);
    }

    [Fact]
    public void Underscore_joined_syllables_score_like_plain_syllables()
    {
        var tokens = new UnicodeTokenizer().Tokenize("Thành_phố Hồ_Chí_Minh");
        Assert.Equal(["thành", "phố", "hồ", "chí", "minh"], tokens);
        Assert.Equal(1.0, RougeScorer.Unicode().Score("thành phố Hồ Chí Minh", "Thành_phố Hồ_Chí_Minh")[RougeTypes.Rouge2].F, 12);
    }

    [Fact]
    public void Unicode_mode_keeps_contractions_and_numbers_whole_and_splits_ideographs()
    {
        Assert.Equal(["don't", "pay", "3.14", "or", "1,000"], new UnicodeTokenizer().Tokenize("Don't pay 3.14, or 1,000."));
        Assert.Equal(["東", "京", "tokyo"], new UnicodeTokenizer().Tokenize("東京 Tokyo"));
    }

    [Fact]
    public void Stemming_in_unicode_mode_touches_only_english_words()
    {
        Assert.Equal(["run", "chạy"], new UnicodeTokenizer(useStemmer: true).Tokenize("running chạy"));
    }

    [Fact]
    public void Unknown_rouge_types_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new RougeScorer(new CompatTokenizer(), ["rougeX"]));
}
