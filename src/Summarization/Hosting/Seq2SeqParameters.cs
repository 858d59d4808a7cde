using System.Text.Json.Nodes;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>The hyperparameters of the <c>seq2seq</c> algorithm, typed, after <see cref="Seq2SeqTrainer.Check"/>.</summary>
public sealed record Seq2SeqParameters
{
    /// <summary>Peak learning rate of the compact backbone when none is given.</summary>
    public const double CompactLearningRate = 0.003;

    /// <summary>Peak learning rate of a Hugging Face checkpoint when none is given (fine-tuning wants a gentler one).</summary>
    public const double HfLearningRate = 0.0003;

    /// <summary>The specs, as the API lists them.</summary>
    public static IReadOnlyList<ParameterSpec> Specs { get; } =
    [
        ParameterChecker.Choice("backbone", "compact", ["compact", "hf"],
            "compact: a small Transformer and a SentencePiece tokenizer trained from scratch (CPU-friendly); hf: fine-tune a local Hugging Face T5/ViT5 checkpoint"),
        ParameterChecker.String("checkpoint_path", null, "hf: local folder of the Hugging Face checkpoint (required); nothing is downloaded"),
        ParameterChecker.Int("max_steps", 300, 1, 1_000_000, "optimizer steps"),
        ParameterChecker.Int("batch_size", 16, 1, 4096, "samples per micro-batch"),
        ParameterChecker.Int("grad_accum", 1, 1, 1024, "micro-batches per optimizer step"),
        ParameterChecker.Float("learning_rate", null, 1e-7, 1.0, $"peak AdamW learning rate; default {CompactLearningRate} (compact) or {HfLearningRate} (hf)"),
        ParameterChecker.Int("warmup_steps", 30, 0, 1_000_000, "linear warm-up steps, then linear decay to 10 %"),
        ParameterChecker.Float("weight_decay", 0.01, 0, 1, "AdamW weight decay"),
        ParameterChecker.Int("max_source_length", 256, 8, 8192, "document tokens kept"),
        ParameterChecker.Int("max_target_length", 64, 4, 2048, "summary tokens kept; also the generation length"),
        ParameterChecker.Float("validation_fraction", 0.1, 0.01, 0.5, "share of the snapshot held out for validation loss and ROUGE"),
        ParameterChecker.Int("max_validation_samples", 500, 1, 100_000, "cap on the held-out samples (generation is the slow part of validation)"),
        ParameterChecker.Int("seed", null, 0, int.MaxValue, "split, initialisation and batch order; default: the request's seed"),
        ParameterChecker.Int("eval_every", 0, 0, 1_000_000, "validation loss every N steps (0: only before and after training)"),
        ParameterChecker.Int("checkpoint_every", 0, 0, 1_000_000, "resumable checkpoint every N steps (0: only when stopped)"),
        ParameterChecker.Int("num_beams", 1, 1, 16, "validation decoding: beam width (1 is greedy)"),
        ParameterChecker.Int("no_repeat_ngram_size", 3, 0, 10, "validation decoding: never repeat an n-gram of this size (0: off)"),
        ParameterChecker.Int("vocab_size", 4000, 256, 64_000, "compact: SentencePiece vocabulary"),
        ParameterChecker.Int("d_model", 128, 16, 2048, "compact: model width"),
        ParameterChecker.Int("num_heads", 4, 1, 64, "compact: attention heads (must divide d_model)"),
        ParameterChecker.Int("num_layers", 2, 1, 24, "compact: encoder layers and decoder layers"),
        ParameterChecker.Int("dim_feedforward", 256, 16, 16_384, "compact: feed-forward width"),
        ParameterChecker.Float("dropout", 0.1, 0, 0.9, "compact: dropout"),
        ParameterChecker.String("source_prefix", "", "hf: text put before every document (\"summarize: \" for T5)"),
        ParameterChecker.Bool("gradient_checkpointing", false, "hf: trade compute for memory on large checkpoints"),
        ParameterChecker.Bool("bf16", true, "bf16 autocast on CUDA"),
    ];

    /// <summary><c>compact</c> or <c>hf</c>.</summary>
    public required string Backbone { get; init; }

    /// <summary>The Hugging Face checkpoint folder (hf).</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Optimizer steps.</summary>
    public required int MaxSteps { get; init; }

    /// <summary>Samples per micro-batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Micro-batches per step.</summary>
    public required int GradAccum { get; init; }

    /// <summary>Peak learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Warm-up steps.</summary>
    public required int WarmupSteps { get; init; }

    /// <summary>AdamW weight decay.</summary>
    public required double WeightDecay { get; init; }

    /// <summary>Document tokens kept.</summary>
    public required int MaxSourceLength { get; init; }

    /// <summary>Summary tokens kept.</summary>
    public required int MaxTargetLength { get; init; }

    /// <summary>Share held out.</summary>
    public required double ValidationFraction { get; init; }

    /// <summary>Cap on the held-out samples.</summary>
    public required int MaxValidationSamples { get; init; }

    /// <summary>The seed, when the request's is not to be used.</summary>
    public int? Seed { get; init; }

    /// <summary>Validation loss every N steps.</summary>
    public required int EvalEvery { get; init; }

    /// <summary>Checkpoint every N steps.</summary>
    public required int CheckpointEvery { get; init; }

    /// <summary>Validation decoding beam width.</summary>
    public required int NumBeams { get; init; }

    /// <summary>Validation decoding n-gram block.</summary>
    public required int NoRepeatNgramSize { get; init; }

    /// <summary>Compact vocabulary.</summary>
    public required int VocabSize { get; init; }

    /// <summary>Compact width.</summary>
    public required int DModel { get; init; }

    /// <summary>Compact heads.</summary>
    public required int NumHeads { get; init; }

    /// <summary>Compact layers (each side).</summary>
    public required int NumLayers { get; init; }

    /// <summary>Compact feed-forward width.</summary>
    public required int DimFeedforward { get; init; }

    /// <summary>Compact dropout.</summary>
    public required double Dropout { get; init; }

    /// <summary>HF source prefix.</summary>
    public required string SourcePrefix { get; init; }

    /// <summary>HF gradient checkpointing.</summary>
    public required bool GradientCheckpointing { get; init; }

    /// <summary>bf16 autocast on CUDA.</summary>
    public required bool Bf16 { get; init; }

    /// <summary>
    /// Checks <paramref name="given"/>: the spec rules, then the rules between fields (hf needs an
    /// existing checkpoint folder, heads must divide the width). Fills in the backbone's learning rate.
    /// </summary>
    public static ParameterCheck Check(JsonObject? given)
    {
        var (resolved, errors) = ParameterChecker.Resolve(Specs, given);
        var backbone = (string?)resolved["backbone"] ?? "compact";
        if (!resolved.ContainsKey("learning_rate"))
            resolved["learning_rate"] = backbone == "hf" ? HfLearningRate : CompactLearningRate;
        var checkpoint = (string?)resolved["checkpoint_path"];
        if (backbone == "hf")
        {
            if (string.IsNullOrWhiteSpace(checkpoint))
                errors.Add(new FieldError("checkpoint_path", "required when backbone is hf: the local folder of a Hugging Face T5/ViT5 checkpoint"));
            else if (!Directory.Exists(checkpoint))
                errors.Add(new FieldError("checkpoint_path", $"folder not found: {checkpoint}"));
        }
        if (errors.Count == 0 && (long)resolved["d_model"]! % (long)resolved["num_heads"]! != 0)
            errors.Add(new FieldError("num_heads", $"must divide d_model ({resolved["d_model"]}) evenly (got {resolved["num_heads"]})"));
        return errors.Count == 0 ? ParameterCheck.Ok(resolved) : ParameterCheck.Fail(errors);
    }

    /// <summary>Reads checked values (the output of <see cref="Check"/>).</summary>
    public static Seq2SeqParameters From(JsonObject resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        int I(string name) => (int)(long)resolved[name]!;
        double F(string name) => (double)resolved[name]!;
        return new Seq2SeqParameters
        {
            Backbone = (string)resolved["backbone"]!,
            CheckpointPath = (string?)resolved["checkpoint_path"],
            MaxSteps = I("max_steps"),
            BatchSize = I("batch_size"),
            GradAccum = I("grad_accum"),
            LearningRate = F("learning_rate"),
            WarmupSteps = I("warmup_steps"),
            WeightDecay = F("weight_decay"),
            MaxSourceLength = I("max_source_length"),
            MaxTargetLength = I("max_target_length"),
            ValidationFraction = F("validation_fraction"),
            MaxValidationSamples = I("max_validation_samples"),
            Seed = resolved.ContainsKey("seed") ? I("seed") : null,
            EvalEvery = I("eval_every"),
            CheckpointEvery = I("checkpoint_every"),
            NumBeams = I("num_beams"),
            NoRepeatNgramSize = I("no_repeat_ngram_size"),
            VocabSize = I("vocab_size"),
            DModel = I("d_model"),
            NumHeads = I("num_heads"),
            NumLayers = I("num_layers"),
            DimFeedforward = I("dim_feedforward"),
            Dropout = F("dropout"),
            SourcePrefix = (string)resolved["source_prefix"]!,
            GradientCheckpointing = (bool)resolved["gradient_checkpointing"]!,
            Bf16 = (bool)resolved["bf16"]!,
        };
    }
}
