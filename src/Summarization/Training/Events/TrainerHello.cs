namespace HttmOrleans.Summarization.Training.Events;

/// <summary>
/// The first line: which interpreter and torch the process runs, and the BLAS torch computes with on a CPU
/// (<c>openblas</c>, <c>mkl</c>, ...; <c>reference</c> is netlib's, several times slower; empty from an older trainer).
/// </summary>
public sealed record TrainerHello(string Interpreter, string PythonVersion, string TorchVersion, bool Cuda, int ProcessId, string Blas = "") : TrainerEvent
{
    /// <summary>True when torch runs on netlib's reference BLAS: CPU training works, several times slower.</summary>
    public bool SlowBlas => Blas == "reference";
}
