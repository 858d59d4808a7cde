namespace HttmOrleans.Summarization.Rouge;

/// <summary>The names of the ROUGE types, spelled as <c>rouge-score</c> spells them.</summary>
public static class RougeTypes
{
    /// <summary>Unigram overlap.</summary>
    public const string Rouge1 = "rouge1";

    /// <summary>Bigram overlap.</summary>
    public const string Rouge2 = "rouge2";

    /// <summary>Longest common subsequence over the whole text.</summary>
    public const string RougeL = "rougeL";

    /// <summary>Summary-level LCS: union LCS per reference sentence, sentences split on newlines.</summary>
    public const string RougeLsum = "rougeLsum";

    /// <summary>The four types reported for summarization models.</summary>
    public static IReadOnlyList<string> All { get; } = [Rouge1, Rouge2, RougeL, RougeLsum];
}
