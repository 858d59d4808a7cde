namespace HttmOrleans.Summarization.Training.Events;

/// <summary>The first line: which interpreter and torch the process runs.</summary>
public sealed record TrainerHello(string Interpreter, string PythonVersion, string TorchVersion, bool Cuda, int ProcessId) : TrainerEvent;
