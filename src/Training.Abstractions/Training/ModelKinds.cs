namespace HttmOrleans.Grains.Training;

/// <summary>The two kinds of model the server trains and serves.</summary>
public static class ModelKinds
{
    /// <summary>Recommenders trained on <c>interactions</c> datasets; serve <c>recommend</c>.</summary>
    public const string Recommendation = "recommendation";

    /// <summary>Seq2seq summarizers trained on <c>text-pairs</c> datasets; serve <c>summarize</c>.</summary>
    public const string Summarization = "summarization";

    /// <summary>The dataset kind a model kind trains on.</summary>
    public static string DatasetKindFor(string modelKind) =>
        modelKind == Summarization ? Datasets.DatasetKinds.TextPairs : Datasets.DatasetKinds.Interactions;
}
