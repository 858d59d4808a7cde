"""The training loop: progress, validation loss, checkpoints, SIGTERM, resume, artifact."""
import contextlib
import json
import math
import os
import shutil
import signal
import time

import torch

import backbones
import data
from compact import pad_batch
from protocol import emit

_stop_requested = False


def _on_sigterm(signum, frame):
    global _stop_requested
    _stop_requested = True


def _autocast(device, enabled):
    if enabled and device.type == "cuda":
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def _optimizer(module, cfg, device):
    params = [p for p in module.parameters() if p.requires_grad]
    kwargs = dict(lr=float(cfg.get("learning_rate", 1e-3)), weight_decay=float(cfg.get("weight_decay", 0.01)))
    if device.type == "cuda":
        try:
            return torch.optim.AdamW(params, fused=True, **kwargs)
        except (TypeError, RuntimeError):
            pass
    return torch.optim.AdamW(params, **kwargs)


def _lr_factor(step, warmup, total):
    if warmup and step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return max(0.1, 1.0 - 0.9 * progress)


def _encode(backbone, pairs, cfg):
    max_src, max_tgt = int(cfg.get("max_source_length", 256)), int(cfg.get("max_target_length", 64))
    return [(backbone.encode_source(d, max_src), backbone.encode_target(s, max_tgt)) for d, s in pairs]


def evaluate(backbone, encoded, cfg, device):
    """Teacher-forced validation: mean token cross-entropy and token accuracy."""
    module = backbone.module
    was_training = module.training
    module.eval()
    total_loss, tokens, correct = 0.0, 0, 0
    with torch.no_grad(), _autocast(device, cfg.get("bf16", True)):
        for idx in data.sequential_batches(len(encoded), int(cfg.get("eval_batch_size", 32))):
            src = pad_batch([encoded[i][0] for i in idx], backbone.pad_id).to(device)
            tgt = pad_batch([encoded[i][1] for i in idx], backbone.pad_id).to(device)
            loss, n, c = backbone.batch_loss(src, tgt)
            total_loss, tokens, correct = total_loss + float(loss), tokens + n, correct + c
    module.train(was_training)
    return {"val_loss": total_loss / max(tokens, 1), "val_token_accuracy": correct / max(tokens, 1)}


def _save_checkpoint(backbone, optimizer, step, out_dir, cfg):
    final = os.path.join(out_dir, "checkpoint")
    tmp = final + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    backbone.save(tmp, {"step": step})
    torch.save({"optimizer": optimizer.state_dict(), "step": step}, os.path.join(tmp, "trainer_state.pt"))
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)
    emit("checkpoint", step=step, path=final)
    return final


def run(cfg):
    signal.signal(signal.SIGTERM, _on_sigterm)
    for key in ("train_file", "validation_file", "output_dir"):
        if not cfg.get(key):
            raise ValueError(f"config needs '{key}'")
    seed = int(cfg.get("seed", 1))
    torch.manual_seed(seed)
    device = _device(cfg.get("device", "auto"))
    out_dir = cfg["output_dir"]
    os.makedirs(out_dir, exist_ok=True)

    train_pairs = data.load_pairs(cfg["train_file"], int(cfg.get("max_train_samples", 0)))
    val_pairs = data.load_pairs(cfg["validation_file"], int(cfg.get("max_eval_samples", 0)))
    checkpoint_dir = os.path.join(out_dir, "checkpoint")
    resuming = bool(cfg.get("resume")) and os.path.exists(os.path.join(checkpoint_dir, "trainer_state.pt"))
    if resuming:
        backbone = backbones.load(checkpoint_dir, device)
    else:
        backbone = backbones.create(cfg, train_pairs, out_dir, device)
    module = backbone.module
    optimizer = _optimizer(module, cfg, device)
    start_step = 0
    if resuming:
        state = torch.load(os.path.join(checkpoint_dir, "trainer_state.pt"), map_location=device)
        optimizer.load_state_dict(state["optimizer"])
        start_step = int(state["step"])
    emit("setup", backbone=backbone.name, device=str(device), resumed_from_step=start_step,
         parameters=sum(p.numel() for p in module.parameters()),
         train_samples=len(train_pairs), validation_samples=len(val_pairs))

    train_enc = _encode(backbone, train_pairs, cfg)
    val_enc = _encode(backbone, val_pairs, cfg)
    if cfg.get("compile") and hasattr(torch, "compile"):
        backbone.call = torch.compile(module)
    trainer = _Loop(backbone, optimizer, cfg, device, train_enc, val_enc, out_dir, start_step)
    return trainer.run()


class _Loop:
    def __init__(self, backbone, optimizer, cfg, device, train_enc, val_enc, out_dir, start_step):
        self.backbone, self.optimizer, self.cfg, self.device = backbone, optimizer, cfg, device
        self.train_enc, self.val_enc, self.out_dir, self.step = train_enc, val_enc, out_dir, start_step
        self.first_step = start_step
        self.total = int(cfg.get("max_steps", 300))

    def _eval(self):
        metrics = evaluate(self.backbone, self.val_enc, self.cfg, self.device)
        emit("metric", step=self.step, metrics=metrics)
        return metrics

    def _stop(self):
        path = _save_checkpoint(self.backbone, self.optimizer, self.step, self.out_dir, self.cfg)
        emit("stopped", step=self.step, checkpoint=path)
        return {"stopped": True}

    def run(self):
        cfg, backbone, device = self.cfg, self.backbone, self.device
        batch_size, accum = int(cfg.get("batch_size", 16)), max(1, int(cfg.get("grad_accum", 1)))
        eval_every, ckpt_every = int(cfg.get("eval_every", 0)), int(cfg.get("checkpoint_every", 0))
        log_every, warmup = max(1, int(cfg.get("log_every", 10))), int(cfg.get("warmup_steps", 30))
        fail_at = cfg.get("fail_at_step")
        base_lr = float(cfg.get("learning_rate", 1e-3))
        batches = data.bucketed_batches([len(s) + len(t) for s, t in self.train_enc], batch_size,
                                        data.make_rng(int(cfg.get("seed", 1)) + self.step))
        metrics = self._eval()
        backbone.module.train()
        started, window_start, window_tokens, window_loss, window_n = time.time(), time.time(), 0, 0.0, 0
        while self.step < self.total:
            if _stop_requested:
                return self._stop()
            if fail_at is not None and self.step >= int(fail_at):
                raise RuntimeError(f"injected failure at step {self.step} (fail_at_step)")
            for group in self.optimizer.param_groups:
                group["lr"] = base_lr * _lr_factor(self.step, warmup, self.total)
            self.optimizer.zero_grad(set_to_none=True)
            for _ in range(accum):
                idx = next(batches)
                src = pad_batch([self.train_enc[i][0] for i in idx], backbone.pad_id).to(device)
                tgt = pad_batch([self.train_enc[i][1] for i in idx], backbone.pad_id).to(device)
                with _autocast(device, cfg.get("bf16", True)):
                    loss_sum, n, _ = backbone.batch_loss(src, tgt)
                if not torch.isfinite(loss_sum):
                    raise FloatingPointError(f"training loss is not finite at step {self.step}; lower the learning rate")
                (loss_sum / max(n, 1) / accum).backward()
                window_tokens += int(src.ne(backbone.pad_id).sum()) + n
                window_loss, window_n = window_loss + float(loss_sum), window_n + n
            torch.nn.utils.clip_grad_norm_(backbone.module.parameters(), float(cfg.get("max_grad_norm", 1.0)))
            self.optimizer.step()
            self.step += 1
            if self.step % log_every == 0 or self.step == self.total:
                now = time.time()
                emit("progress", step=self.step, total_steps=self.total, loss=window_loss / max(window_n, 1),
                     tokens_per_s=window_tokens / max(now - window_start, 1e-9),
                     eta_s=(now - started) / max(1, self.step - self.first_step) * (self.total - self.step),
                     lr=self.optimizer.param_groups[0]["lr"])
                window_start, window_tokens, window_loss, window_n = now, 0, 0.0, 0
            if eval_every and self.step % eval_every == 0 and self.step < self.total:
                self._eval()
            if ckpt_every and self.step % ckpt_every == 0 and self.step < self.total:
                _save_checkpoint(backbone, self.optimizer, self.step, self.out_dir, cfg)
        metrics = self._eval()
        artifact = os.path.join(self.out_dir, "artifact")
        tmp = artifact + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        backbone.save(tmp, {"step": self.step, "max_source_length": int(cfg.get("max_source_length", 256)),
                            "max_target_length": int(cfg.get("max_target_length", 64))})
        shutil.rmtree(artifact, ignore_errors=True)
        os.replace(tmp, artifact)
        emit("artifact", path=artifact)
        emit("done", step=self.step, metrics=metrics, train_seconds=time.time() - started)
        return {"stopped": False}


def _device(spec):
    if spec == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if spec == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("device 'cuda' requested but torch.cuda.is_available() is False")
    return torch.device(spec)
