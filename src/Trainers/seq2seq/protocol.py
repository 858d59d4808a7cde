"""JSON-lines protocol on stdout.

stdout carries protocol lines only. Anything else that writes to sys.stdout (a library's
print, a warning) is sent to stderr instead, so the C# side never sees a non-JSON line.
"""
import json
import math
import os
import sys
import threading

_protocol_out = None
_lock = threading.Lock()


def install():
    """Keep the real stdout for protocol lines and point sys.stdout at stderr."""
    global _protocol_out
    if _protocol_out is None:
        _protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
        sys.stdout = sys.stderr


def _clean(value):
    # JSON has no NaN or infinity; a diverged loss is reported as null rather than breaking the parser.
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def emit(kind, **fields):
    """Write one protocol line: {"type": kind, ...fields}."""
    line = json.dumps(_clean({"type": kind, **fields}), ensure_ascii=False)
    with _lock:
        out = _protocol_out or sys.stdout
        out.write(line + "\n")
        out.flush()


def reply(obj):
    """Write one serve-mode response line (no "type" key is added)."""
    line = json.dumps(_clean(obj), ensure_ascii=False)
    with _lock:
        out = _protocol_out or sys.stdout
        out.write(line + "\n")
        out.flush()
