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


# A BLAS that starts threads of its own fights torch's intra-op threads for the cores: with
# Debian's OpenBLAS a training step of the compact model took 2.5x as long at 2 torch threads
# as with OpenBLAS kept to one thread (torch still parallelises around it). Set before torch
# loads the library; a value from the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _blas(torch):
    """Which BLAS torch computes with: the build's own (MKL in pip wheels) or, for a build on the
    system's generic libblas.so.3 (Debian's python3-torch), the provider that name resolves to:
    Debian keeps each in a folder of its own (openblas-pthread/, blis-openmp/, atlas/; blas/ is netlib's)."""
    try:
        info = torch.__config__.show()
        built = info.split("BLAS_INFO=", 1)[1].split(",", 1)[0].strip() if "BLAS_INFO=" in info else ""
        if built and built != "generic":
            return built
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if "libblas.so" in line}
    except OSError:
        return "unknown"
    for name in ("openblas", "blis", "atlas", "mkl"):
        if any(name in path for path in paths):
            return name
    return "reference" if paths else "unknown"


def _hello():
    try:
        import torch
    except ImportError as e:
        emit("error", message=f"interpreter {sys.executable} (Python {platform.python_version()}) cannot import "
                              f"torch: {e}. Install python3-torch for it or configure another interpreter.")
        sys.exit(3)
    # The server words a reference BLAS's advice (Seq2SeqProgress); here it is only named.
    emit("hello", interpreter=sys.executable, python=platform.python_version(), torch=torch.__version__,
         cuda=torch.cuda.is_available(), pid=os.getpid(), blas=_blas(torch))
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
