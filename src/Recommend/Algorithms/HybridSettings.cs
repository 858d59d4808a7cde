namespace HttmOrleans.Recommend.Algorithms;

/// <summary>Settings of one <see cref="HybridAlgorithm"/> fit.</summary>
internal sealed record HybridSettings(int Components, bool Warp, float LearningRate, float Epsilon, int MaxSampled, int Seed);
