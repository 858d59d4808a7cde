namespace HttmOrleans.Recommend.Algorithms;

/// <summary>Progress of one fit: fraction done in [0, 1] and what is happening.</summary>
public readonly record struct FitProgress(double Fraction, string Message);
