"""The compact backbone: a small torch.nn Transformer encoder-decoder and a SentencePiece
tokenizer trained on the dataset. Runs on Debian's python3-torch 1.13 on a CPU."""
import json
import math
import os
import re
import tempfile

import torch
from torch import nn

import generation

PAD, UNK, BOS, EOS = 0, 1, 2, 3

DEFAULT_MODEL = {
    "d_model": 128,
    "nhead": 4,
    "num_encoder_layers": 2,
    "num_decoder_layers": 2,
    "dim_feedforward": 256,
    "dropout": 0.1,
    "max_positions": 512,
}


class CompactSeq2Seq(nn.Module):
    def __init__(self, vocab_size, d_model, nhead, num_encoder_layers, num_decoder_layers,
                 dim_feedforward, dropout, max_positions):
        super().__init__()
        self.d_model = d_model
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=PAD)
        self.positions = nn.Embedding(max_positions, d_model)
        self.transformer = nn.Transformer(
            d_model=d_model, nhead=nhead, num_encoder_layers=num_encoder_layers,
            num_decoder_layers=num_decoder_layers, dim_feedforward=dim_feedforward,
            dropout=dropout, batch_first=True, norm_first=True)
        self.final_norm = nn.LayerNorm(d_model)
        self.dropout = nn.Dropout(dropout)
        nn.init.normal_(self.embed.weight, std=d_model ** -0.5)
        # Positions start as the sinusoid table, on the same scale as the scaled token embeddings
        # (RMS ~0.7 vs 1). Initialised at std 0.02 they were 50x weaker than the tokens, the
        # decoder could hardly tell one step from the next, and short trainings stalled on the
        # unigram plateau (the same few frequent pieces at every step). Still learned afterwards.
        with torch.no_grad():
            self.positions.weight.copy_(_sinusoids(max_positions, d_model))

    def _embed(self, ids):
        pos = torch.arange(ids.size(1), device=ids.device).unsqueeze(0)
        return self.dropout(self.embed(ids) * math.sqrt(self.d_model) + self.positions(pos))

    def encode(self, src):
        src_pad = src.eq(PAD)
        memory = self.transformer.encoder(self._embed(src), src_key_padding_mask=src_pad)
        return memory, src_pad

    def decode(self, tgt_in, memory, src_pad):
        size = tgt_in.size(1)
        causal = torch.triu(torch.full((size, size), float("-inf"), device=tgt_in.device), diagonal=1)
        hidden = self.transformer.decoder(
            self._embed(tgt_in), memory, tgt_mask=causal,
            tgt_key_padding_mask=tgt_in.eq(PAD), memory_key_padding_mask=src_pad)
        # Output projection tied to the input embedding: fewer parameters, better small-data fit.
        return self.final_norm(hidden) @ self.embed.weight.t()

    def forward(self, src, tgt_in):
        memory, src_pad = self.encode(src)
        return self.decode(tgt_in, memory, src_pad)


def _sinusoids(count, width):
    position = torch.arange(count, dtype=torch.float).unsqueeze(1)
    rate = torch.exp(torch.arange(0, width, 2, dtype=torch.float) * (-math.log(10000.0) / width))
    table = torch.zeros(count, width)
    table[:, 0::2] = torch.sin(position * rate)
    table[:, 1::2] = torch.cos(position * rate[:width // 2])
    return table


def _tokenizer_lines(texts, max_chars=2000):
    # SentencePiece skips input lines longer than max_sentence_length, so long documents are cut up.
    for text in texts:
        for line in text.split("\n"):
            line = line.strip()
            while len(line) > max_chars:
                cut = line.rfind(" ", 0, max_chars)
                cut = cut if cut > 0 else max_chars
                yield line[:cut]
                line = line[cut:].strip()
            if line:
                yield line


def train_tokenizer(texts, model_path, vocab_size, seed):
    import sentencepiece as spm
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.txt")
        with open(corpus, "w", encoding="utf-8") as f:
            for line in _tokenizer_lines(texts):
                f.write(line + "\n")
        prefix = os.path.join(tmp, "spm")
        spm.SentencePieceTrainer.train(
            input=corpus, model_prefix=prefix, vocab_size=vocab_size, model_type="unigram",
            character_coverage=1.0, pad_id=PAD, unk_id=UNK, bos_id=BOS, eos_id=EOS,
            hard_vocab_limit=False, input_sentence_size=200000, shuffle_input_sentence=True,
            num_threads=max(1, os.cpu_count() or 1), minloglevel=2)
        with open(prefix + ".model", "rb") as src, open(model_path, "wb") as dst:
            dst.write(src.read())


class CompactBackbone:
    name = "compact"

    def __init__(self, tokenizer_path, model_config, device):
        import sentencepiece as spm
        self.tokenizer_path = tokenizer_path
        self.sp = spm.SentencePieceProcessor(model_file=tokenizer_path)
        self.model_config = {**DEFAULT_MODEL, **(model_config or {})}
        self.device = device
        self.module = CompactSeq2Seq(self.sp.get_piece_size(), **self.model_config).to(device)
        self.call = self.module
        self.max_positions = self.model_config["max_positions"]
        self.pad_id = PAD

    @classmethod
    def create(cls, train_pairs, work_dir, cfg, device):
        path = os.path.join(work_dir, "tokenizer.model")
        train_tokenizer([t for pair in train_pairs for t in pair], path, int(cfg.get("vocab_size", 4000)),
                        int(cfg.get("seed", 1)))
        return cls(path, cfg.get("model"), device)

    @classmethod
    def load(cls, artifact_dir, device):
        with open(os.path.join(artifact_dir, "config.json"), encoding="utf-8") as f:
            meta = json.load(f)
        backbone = cls(os.path.join(artifact_dir, "tokenizer.model"), meta["model"], device)
        state = torch.load(os.path.join(artifact_dir, "model.pt"), map_location=device)
        backbone.module.load_state_dict(state)
        return backbone

    def save(self, directory, extra=None):
        os.makedirs(directory, exist_ok=True)
        torch.save(self.module.state_dict(), os.path.join(directory, "model.pt"))
        with open(self.tokenizer_path, "rb") as src, open(os.path.join(directory, "tokenizer.model"), "wb") as dst:
            dst.write(src.read())
        with open(os.path.join(directory, "config.json"), "w", encoding="utf-8") as f:
            json.dump({"backbone": self.name, "model": self.model_config, **(extra or {})}, f, indent=2)

    def encode_source(self, text, max_length):
        # An empty document still needs one real token: an all-padding source makes attention NaN.
        return self.sp.encode(_normalize(text))[:min(max_length, self.max_positions)] or [EOS]

    def encode_target(self, text, max_length):
        limit = min(max_length, self.max_positions) - 1
        return self.sp.encode(_normalize(text))[:limit] + [EOS]

    def batch_loss(self, src, tgt):
        """Summed cross-entropy, number of target tokens and correctly predicted tokens."""
        bos = torch.full((tgt.size(0), 1), BOS, dtype=tgt.dtype, device=tgt.device)
        tgt_in = torch.cat([bos, tgt[:, :-1]], dim=1)
        logits = self.call(src, tgt_in)
        return _loss_stats(logits, tgt, PAD)

    def _blank_pieces(self):
        """Pieces that decode to no text (e.g. a lone word-start mark); computed once."""
        if getattr(self, "_blank", None) is None:
            self._blank = [i for i in range(self.sp.get_piece_size()) if not self.sp.decode([i]).strip()]
        return self._blank

    @torch.no_grad()
    def generate(self, texts, max_length, num_beams, max_source_length, no_repeat_ngram_size=3):
        self.module.eval()
        ids = [self.encode_source(t, max_source_length) for t in texts]
        src = pad_batch(ids, PAD).to(self.device)
        limit = min(max_length, self.max_positions)
        step = generation.CompactStepper(self.module, BOS, EOS, banned=(PAD, UNK, BOS),
                                          no_repeat_ngram_size=no_repeat_ngram_size, blank=self._blank_pieces())
        if num_beams <= 1:
            outputs = generation.greedy(step, src, limit)
        else:
            outputs = [generation.beam_search(step, src[i:i + 1], limit, num_beams) for i in range(len(ids))]
        return [self.sp.decode(o) for o in outputs]


def _normalize(text):
    return re.sub(r"\s+", " ", text).strip()


def _loss_stats(logits, labels, ignore_id):
    flat = logits.float().reshape(-1, logits.size(-1))
    target = labels.reshape(-1)
    loss = nn.functional.cross_entropy(flat, target, ignore_index=ignore_id, reduction="sum")
    mask = target.ne(ignore_id)
    correct = (flat.argmax(-1).eq(target) & mask).sum()
    return loss, int(mask.sum()), int(correct)


def pad_batch(sequences, pad_id):
    width = max(len(s) for s in sequences)
    out = torch.full((len(sequences), width), pad_id, dtype=torch.long)
    for i, s in enumerate(sequences):
        out[i, :len(s)] = torch.tensor(s, dtype=torch.long)
    return out
