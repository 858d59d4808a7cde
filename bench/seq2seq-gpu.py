#!/usr/bin/env python3
"""Training throughput of a T5-base-shaped seq2seq model, eager and torch.compile side by side (issue 7, item 7).

The model is built from a config with random weights (d_model 768, 12 + 12 layers, 12 heads, d_ff 3072,
vocab 36 096: ViT5-base's shape), so nothing is downloaded. Batches have fixed shapes and no padding; each step
is bf16 autocast, fused AdamW, no host synchronisation inside the timed steps. Tokens per step = batch x
(source + target). Prints one JSON line per (shape, mode) and a ratio line per shape.

    python3 bench/seq2seq-gpu.py                        # 32x(1024+256) and 64x(512+128), eager and compiled
    python3 bench/seq2seq-gpu.py --modes compiled --steps 50 --shapes 64x512+128
    python3 bench/seq2seq-gpu.py --tiny --device cpu     # a small config: checks the script, not the speed

Needs torch and transformers (the GPU machine has both); reference on an H100 (issue 7): eager 91.7k / 129.5k
tokens/s, compiled 128.4k / 284.8k.
"""
import argparse
import json
import sys
import time


def parse_shape(text):
    batch, rest = text.split("x")
    source, target = rest.split("+")
    return int(batch), int(source), int(target)


def build(torch, transformers, tiny, device):
    if tiny:
        config = transformers.T5Config(d_model=64, d_kv=16, d_ff=128, num_layers=2, num_decoder_layers=2,
                                       num_heads=4, vocab_size=1000, dropout_rate=0.0)
    else:
        config = transformers.T5Config(d_model=768, d_kv=64, d_ff=3072, num_layers=12, num_decoder_layers=12,
                                       num_heads=12, vocab_size=36096, dropout_rate=0.0, feed_forward_proj="relu")
    model = transformers.T5ForConditionalGeneration(config).to(device)
    model.train()
    return model, config


def measure(torch, model, config, shape, compiled, steps, warmup, device):
    batch, source, target = shape
    generator = torch.Generator(device="cpu").manual_seed(0)
    inputs = torch.randint(2, config.vocab_size, (batch, source), generator=generator).to(device)
    labels = torch.randint(2, config.vocab_size, (batch, target), generator=generator).to(device)
    fused = device.type == "cuda"
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, fused=fused) if fused \
        else torch.optim.AdamW(model.parameters(), lr=1e-4)
    forward = torch.compile(model) if compiled else model
    def step():
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            loss = forward(input_ids=inputs, labels=labels).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return loss

    def run(count):
        started = time.perf_counter()
        loss = None
        for _ in range(count):
            loss = step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        return time.perf_counter() - started, loss

    warm_seconds, _ = run(warmup)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    seconds, loss = run(steps)
    tokens = batch * (source + target) * steps
    return {
        "shape": f"{batch}x({source}+{target})", "mode": "compiled" if compiled else "eager",
        "tokens_per_s": round(tokens / seconds), "ms_per_step": round(1000 * seconds / steps, 2),
        "steps": steps, "warmup_s": round(warm_seconds, 1), "final_loss": round(float(loss), 4),
        "peak_gib": round(torch.cuda.max_memory_allocated() / 2**30, 1) if device.type == "cuda" else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default="32x1024+256,64x512+128")
    parser.add_argument("--modes", default="eager,compiled")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--tiny", action="store_true")
    args = parser.parse_args()
    try:
        import torch
        import transformers
    except ImportError as error:
        sys.exit(f"seq2seq-gpu: {error}; run it with an interpreter that has torch and transformers ({sys.executable} has not)")
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        sys.exit("seq2seq-gpu: no CUDA device here; use --device cpu --tiny to check the script")
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    print(json.dumps({"torch": torch.__version__, "transformers": transformers.__version__,
                      "device": torch.cuda.get_device_name() if device.type == "cuda" else "cpu"}), flush=True)
    for shape in map(parse_shape, args.shapes.split(",")):
        results = {}
        for mode in args.modes.split(","):
            model, config = build(torch, transformers, args.tiny, device)  # fresh weights and optimizer per mode
            results[mode] = measure(torch, model, config, shape, mode == "compiled", args.steps, args.warmup, device)
            print(json.dumps(results[mode]), flush=True)
            del model
            if device.type == "cuda":
                torch.cuda.empty_cache()
        if "eager" in results and "compiled" in results:
            ratio = results["compiled"]["tokens_per_s"] / results["eager"]["tokens_per_s"]
            print(json.dumps({"shape": results["eager"]["shape"], "compiled_over_eager": round(ratio, 2)}), flush=True)


if __name__ == "__main__":
    main()
