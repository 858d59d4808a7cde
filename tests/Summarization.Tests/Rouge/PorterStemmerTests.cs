using HttmOrleans.Summarization.Rouge;

namespace HttmOrleans.Summarization.Tests.Rouge;

public sealed class PorterStemmerTests
{
    // Outputs of nltk.stem.porter.PorterStemmer() (NLTK_EXTENSIONS), the stemmer rouge-score calls.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "tie")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("enjoy", "enjoy")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("generalization", "gener")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("adjustment", "adjust")]
    [InlineData("running", "run")]
    [InlineData("dying", "die")]
    [InlineData("skies", "sky")]
    [InlineData("news", "news")]
    [InlineData("proceed", "proceed")]
    [InlineData("controlling", "control")]
    [InlineData("rolling", "roll")]
    [InlineData("spied", "spi")]
    [InlineData("died", "die")]
    [InlineData("archaeology", "archaeolog")]
    [InlineData("geology", "geolog")]
    [InlineData("summarization", "summar")]
    public void Stems_match_nltk(string word, string expected) =>
        Assert.Equal(expected, PorterStemmer.Stem(word));

    [Fact]
    public void Words_of_two_letters_or_fewer_are_left_alone() =>
        Assert.Equal(["as", "is", "a"], new[] { "as", "is", "a" }.Select(PorterStemmer.Stem));
}
