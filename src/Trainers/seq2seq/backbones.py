"""Choosing, creating and loading a backbone."""
import json
import os

from compact import CompactBackbone


def artifact_backbone_name(artifact_dir):
    trainer_meta = os.path.join(artifact_dir, "trainer.json")
    if os.path.exists(trainer_meta):
        return "hf"
    config = os.path.join(artifact_dir, "config.json")
    if not os.path.exists(config):
        raise FileNotFoundError(f"not a trainer artifact (no config.json): {artifact_dir}")
    with open(config, encoding="utf-8") as f:
        return json.load(f).get("backbone", "hf")


def load(artifact_dir, device):
    if artifact_backbone_name(artifact_dir) == "compact":
        return CompactBackbone.load(artifact_dir, device)
    from hf import HfBackbone
    return HfBackbone.load(artifact_dir, device)


def create(cfg, train_pairs, work_dir, device):
    """A fresh backbone, or the base artifact's weights and tokenizer when retraining."""
    base = cfg.get("base_artifact")
    if base:
        return load(base, device)
    spec = cfg.get("backbone", "compact")
    if spec == "compact":
        return CompactBackbone.create(train_pairs, work_dir, cfg, device)
    if spec.startswith("hf:"):
        from hf import HfBackbone
        return HfBackbone.create(spec[3:], cfg, device)
    raise ValueError(f"unknown backbone '{spec}': use 'compact' or 'hf:<local checkpoint dir>'")
