"""The long-lived inference worker: one loaded artifact, JSON-line requests until stdin closes.

Request:  {"id": 7, "texts": ["..."], "max_length": 64, "num_beams": 4, "no_repeat_ngram_size": 3}
Response: {"id": 7, "summaries": ["..."]}   or   {"id": 7, "error": "..."}
"""
import json
import sys

import torch

import backbones
from protocol import emit, reply


def run(artifact_dir, device_spec, max_source_length=None):
    device = torch.device("cuda" if device_spec == "auto" and torch.cuda.is_available()
                          else ("cpu" if device_spec == "auto" else device_spec))
    backbone = backbones.load(artifact_dir, device)
    backbone.module.eval()
    max_src = max_source_length or _artifact_setting(artifact_dir, "max_source_length", 512)
    default_len = _artifact_setting(artifact_dir, "max_target_length", 64)
    emit("ready", artifact=artifact_dir, backbone=backbone.name, device=str(device))
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            texts = request["texts"]
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                raise ValueError("'texts' must be a list of strings")
            max_length = int(request.get("max_length") or default_len)
            num_beams = int(request.get("num_beams") or 1)
            no_repeat = int(request.get("no_repeat_ngram_size", 3))
            summaries = backbone.generate(texts, max_length, num_beams, max_src, no_repeat) if texts else []
            reply({"id": request_id, "summaries": summaries})
        except Exception as e:  # one bad request must not take the worker down
            reply({"id": request_id, "error": f"{type(e).__name__}: {e}"})


def _artifact_setting(artifact_dir, key, default):
    import os
    for name in ("config.json", "trainer.json"):
        path = os.path.join(artifact_dir, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                value = json.load(f).get(key)
            if value:
                return int(value)
    return default
