namespace HttmOrleans.Summarization.Training;

/// <summary>
/// The config the trainer reads from stdin (serialized snake_case). Null values are left out,
/// so the trainer's defaults apply. Files are JSON lines of <c>{document, summary}</c>
/// (see <see cref="TextPairFile"/>).
/// </summary>
public sealed record Seq2SeqTrainingConfig
{
    /// <summary>Training samples, JSON lines.</summary>
    public required string TrainFile { get; init; }

    /// <summary>Validation samples, JSON lines; validation loss is measured on them.</summary>
    public required string ValidationFile { get; init; }

    /// <summary>Where the checkpoint and the artifact are written.</summary>
    public required string OutputDir { get; init; }

    /// <summary><c>compact</c>, or <c>hf:&lt;local checkpoint dir&gt;</c> for a Hugging Face T5/ViT5.</summary>
    public string Backbone { get; init; } = "compact";

    /// <summary>Retraining: the base version's artifact; its weights and tokenizer are the starting point.</summary>
    public string? BaseArtifact { get; init; }

    /// <summary>Optimizer steps to run.</summary>
    public int MaxSteps { get; init; } = 300;

    /// <summary>Samples per micro-batch.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Micro-batches per optimizer step (gradient accumulation).</summary>
    public int? GradAccum { get; init; }

    /// <summary>Peak AdamW learning rate (linear warm-up, then linear decay to 10 %).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Warm-up steps.</summary>
    public int? WarmupSteps { get; init; }

    /// <summary>AdamW weight decay.</summary>
    public double? WeightDecay { get; init; }

    /// <summary>Source tokens kept per document.</summary>
    public int? MaxSourceLength { get; init; }

    /// <summary>Target tokens kept per summary; also the default generation length of the artifact.</summary>
    public int? MaxTargetLength { get; init; }

    /// <summary>Validate every N steps (0: only at start and end).</summary>
    public int? EvalEvery { get; init; }

    /// <summary>Write a resumable checkpoint every N steps (0: only on SIGTERM).</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>A progress line every N steps.</summary>
    public int? LogEvery { get; init; }

    /// <summary><c>auto</c>, <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Seed of weights initialisation and batch order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>CPU threads for torch (0: every core).</summary>
    public int? Threads { get; init; }

    /// <summary>bf16 autocast on CUDA (ignored on CPU).</summary>
    public bool? Bf16 { get; init; }

    /// <summary>Wrap the model in <c>torch.compile</c> where torch has it (2.x).</summary>
    public bool? Compile { get; init; }

    /// <summary>Continue from <c>OutputDir/checkpoint</c> when it exists.</summary>
    public bool? Resume { get; init; }

    /// <summary>Compact backbone: SentencePiece vocabulary size.</summary>
    public int? VocabSize { get; init; }

    /// <summary>Compact backbone: model shape.</summary>
    public CompactModelOptions? Model { get; init; }

    /// <summary>Use only the first N training samples (0: all).</summary>
    public int? MaxTrainSamples { get; init; }

    /// <summary>Use only the first N validation samples (0: all).</summary>
    public int? MaxEvalSamples { get; init; }

    /// <summary>HF backbone: text put before every document (e.g. <c>"summarize: "</c> for T5).</summary>
    public string? SourcePrefix { get; init; }

    /// <summary>HF backbone: trade compute for memory on large checkpoints.</summary>
    public bool? GradientCheckpointing { get; init; }

    /// <summary>Test hook: the trainer raises an error when it reaches this step.</summary>
    public int? FailAtStep { get; init; }
}
