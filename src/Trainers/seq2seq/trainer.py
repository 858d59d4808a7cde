#!/usr/bin/env python3
"""HttmOrleans seq2seq trainer process.

  trainer.py train                      config JSON on stdin, JSON lines on stdout
  trainer.py serve --artifact DIR       JSON-line requests on stdin, responses on stdout

stdout carries protocol lines only; logs and tracebacks go to stderr. See
docs/summarization.md for the protocol.
"""
import argparse
import json
import os
import platform
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import protocol  # noqa: E402
from protocol import emit  # noqa: E402


def _hello():
    try:
        import torch
    except ImportError as e:
        emit("error", message=f"interpreter {sys.executable} (Python {platform.python_version()}) cannot import "
                              f"torch: {e}. Install python3-torch for it or configure another interpreter.")
        sys.exit(3)
    emit("hello", interpreter=sys.executable, python=platform.python_version(), torch=torch.__version__,
         cuda=torch.cuda.is_available(), pid=os.getpid())
    return torch


def main(argv):
    protocol.install()
    parser = argparse.ArgumentParser(prog="trainer.py")
    parser.add_argument("mode", choices=["train", "serve"])
    parser.add_argument("--artifact", help="serve: the artifact directory to load")
    parser.add_argument("--device", default="auto", help="serve: auto, cpu or cuda")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads for torch (0: all cores)")
    args = parser.parse_args(argv)

    torch = _hello()
    try:
        if args.mode == "train":
            text = sys.stdin.readline()
            if not text.strip():
                raise ValueError("train mode expects one line of config JSON on stdin")
            cfg = json.loads(text)
            _threads(torch, int(cfg.get("threads") or args.threads))
            import train
            train.run(cfg)
        else:
            if not args.artifact:
                raise ValueError("serve mode needs --artifact DIR")
            _threads(torch, args.threads)
            import serve
            serve.run(args.artifact, args.device)
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        emit("error", message=f"{type(e).__name__}: {e}")
        return 1


def _threads(torch, threads):
    torch.set_num_threads(threads if threads > 0 else max(1, os.cpu_count() or 1))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
