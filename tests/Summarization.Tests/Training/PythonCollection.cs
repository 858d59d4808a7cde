namespace HttmOrleans.Summarization.Tests.Training;

/// <summary>Every test that starts Python processes shares one trained model and runs one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class PythonCollection : ICollectionFixture<TrainedModelFixture>
{
    public const string Name = "python trainer";
}
