using Microsoft.ML.Data;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>One training example as ML.NET reads it: the four fields' sparse vectors and whether it is a positive.</summary>
internal sealed class FfmExample
{
    public VBuffer<float> User { get; set; }

    public VBuffer<float> Item { get; set; }

    public VBuffer<float> UserFeatures { get; set; }

    public VBuffer<float> ItemFeatures { get; set; }

    public bool Label { get; set; }
}
