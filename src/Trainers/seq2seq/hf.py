"""The Hugging Face backbone: any local T5 / ViT5 checkpoint directory.

transformers is imported lazily, only when this backbone is chosen, and the hub is forced
offline: nothing is ever downloaded at run time.
"""
import json
import os
import sys

import torch

from compact import _loss_stats, pad_batch


def _import_transformers():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import transformers  # noqa: F401
        return transformers
    except ImportError as e:
        raise RuntimeError(
            f"backbone 'hf:' needs the transformers package, which {sys.executable} cannot import ({e}); "
            "install it for that interpreter or use backbone 'compact'") from e


class HfBackbone:
    name = "hf"

    def __init__(self, model_dir, device, gradient_checkpointing=False):
        transformers = _import_transformers()
        if not os.path.isdir(model_dir):
            raise FileNotFoundError(f"hf checkpoint directory not found: {model_dir}")
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        self.module = transformers.AutoModelForSeq2SeqLM.from_pretrained(model_dir, local_files_only=True).to(device)
        self.call = self.module
        if gradient_checkpointing:
            self.module.gradient_checkpointing_enable()
        self.device = device
        self.pad_id = self.tokenizer.pad_token_id
        self.eos_id = self.tokenizer.eos_token_id
        self.source_prefix = ""

    @classmethod
    def create(cls, model_dir, cfg, device):
        backbone = cls(model_dir, device, bool(cfg.get("gradient_checkpointing", False)))
        backbone.source_prefix = cfg.get("source_prefix", "")
        return backbone

    @classmethod
    def load(cls, artifact_dir, device):
        backbone = cls(artifact_dir, device)
        meta_path = os.path.join(artifact_dir, "config.json")
        trainer_meta = os.path.join(artifact_dir, "trainer.json")
        if os.path.exists(trainer_meta):
            with open(trainer_meta, encoding="utf-8") as f:
                backbone.source_prefix = json.load(f).get("source_prefix", "")
        elif not os.path.exists(meta_path):
            raise FileNotFoundError(f"not a Hugging Face checkpoint: {artifact_dir}")
        return backbone

    def save(self, directory, extra=None):
        os.makedirs(directory, exist_ok=True)
        self.module.save_pretrained(directory)
        self.tokenizer.save_pretrained(directory)
        # config.json belongs to transformers here, so the trainer's own notes go beside it.
        with open(os.path.join(directory, "trainer.json"), "w", encoding="utf-8") as f:
            json.dump({"backbone": self.name, "source_prefix": self.source_prefix, **(extra or {})}, f, indent=2)

    def encode_source(self, text, max_length):
        return self.tokenizer(self.source_prefix + text, max_length=max_length, truncation=True)["input_ids"]

    def encode_target(self, text, max_length):
        return self.tokenizer(text_target=text, max_length=max_length, truncation=True)["input_ids"]

    def batch_loss(self, src, tgt):
        labels = tgt.masked_fill(tgt.eq(self.pad_id), -100)
        out = self.call(input_ids=src, attention_mask=src.ne(self.pad_id), labels=labels)
        return _loss_stats(out.logits, labels, -100)

    @torch.no_grad()
    def generate(self, texts, max_length, num_beams, max_source_length, no_repeat_ngram_size=3):
        self.module.eval()
        ids = [self.encode_source(t, max_source_length) for t in texts]
        src = pad_batch(ids, self.pad_id).to(self.device)
        out = self.module.generate(input_ids=src, attention_mask=src.ne(self.pad_id),
                                   max_length=max_length, num_beams=max(1, num_beams),
                                   no_repeat_ngram_size=no_repeat_ngram_size)
        return self.tokenizer.batch_decode(out, skip_special_tokens=True)
