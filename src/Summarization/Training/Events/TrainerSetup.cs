namespace HttmOrleans.Summarization.Training.Events;

/// <summary>Data and model are loaded; training is about to start (or resume at <paramref name="ResumedFromStep"/>).</summary>
public sealed record TrainerSetup(string Backbone, string Device, int ResumedFromStep, long Parameters, int TrainSamples, int ValidationSamples) : TrainerEvent;
