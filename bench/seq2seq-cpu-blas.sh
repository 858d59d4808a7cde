#!/usr/bin/env bash
# CPU training time of the compact seq2seq model on the BLAS the system gives torch, and on netlib's
# reference BLAS, side by side in one run. Debian's python3-torch is built on the generic libblas.so.3:
# without libopenblas0-pthread installed that name resolves to the reference library.
#
#   bench/seq2seq-cpu-blas.sh [STEPS] [RUNS]     # default 40 steps of the walk-through's model, 1 run each
#
# The reference run loads /usr/lib/x86_64-linux-gnu/blas/libblas.so.3 through LD_LIBRARY_PATH, so the
# system's alternatives stay as they are. Prints the trainer's train_seconds per run and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-40}
runs=${2:-1}
python=${HTTM_PYTHON:-/usr/bin/python3}
reference=/usr/lib/x86_64-linux-gnu/blas
data=${HTTM_SHARED_DATA:-../shared/data}/xsum/xsum_test_1000.jsonl
work=$(mktemp -d /tmp/httm-s2s-blas.XXXXXX)
trap 'rm -rf "$work"' EXIT
head -n 800 "$data" >"$work/train.jsonl"
tail -n 100 "$data" >"$work/val.jsonl"

# The walk-through's model: the compact backbone's defaults (128 wide, 2+2 layers, 256/64 tokens).
train() { # $1: LD_LIBRARY_PATH; prints "blas seconds"
  rm -rf "$work/out"
  printf '{"train_file":"%s","validation_file":"%s","output_dir":"%s","backbone":"compact","max_steps":%d,"batch_size":16,"eval_every":0,"device":"cpu","seed":1}\n' \
    "$work/train.jsonl" "$work/val.jsonl" "$work/out" "$steps" |
    LD_LIBRARY_PATH=$1 "$python" src/Trainers/seq2seq/trainer.py train 2>"$work/stderr" |
    "$python" -c '
import json, sys
blas, seconds = "?", None
for line in sys.stdin:
    event = json.loads(line)
    if event["type"] == "hello": blas = event.get("blas", "?")
    if event["type"] == "done": seconds = event["train_seconds"]
    if event["type"] == "error": sys.exit("trainer: " + event["message"])
print(blas, seconds)'
}

echo "compact seq2seq, $steps steps of 16 samples, $(nproc) cores, $python"
for run in $(seq 1 "$runs"); do
  read -r system_blas system_s < <(train "${LD_LIBRARY_PATH:-}")
  if [[ -e $reference/libblas.so.3 ]]; then
    read -r ref_blas ref_s < <(train "$reference")
    "$python" -c "print(f'run $run: $system_blas {float($system_s):.1f} s, $ref_blas {float($ref_s):.1f} s, ratio {float($ref_s)/float($system_s):.2f}x')"
  else
    echo "run $run: $system_blas ${system_s} s (no reference BLAS at $reference to compare with)"
  fi
done
