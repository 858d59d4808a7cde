namespace HttmOrleans.Summarization.Training.Events;

/// <summary>One line the trainer process wrote on stdout, parsed. Error lines are not events: they surface as <see cref="TrainerFailedException"/>.</summary>
public abstract record TrainerEvent;
