"""Text pairs and length-bucketed batches."""
import json
import random


def load_pairs(path, limit=0):
    """Read JSON lines of {document, summary}; blank lines are skipped."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            row = json.loads(line)
            if "document" not in row or "summary" not in row:
                raise ValueError(f"{path}:{number}: a sample needs 'document' and 'summary'")
            pairs.append((str(row["document"]), str(row["summary"])))
            if limit and len(pairs) >= limit:
                break
    if not pairs:
        raise ValueError(f"{path}: no samples")
    return pairs


def bucketed_batches(lengths, batch_size, rng, bucket_factor=50):
    """Yield lists of indices forever, one epoch after another.

    Samples of similar length share a batch (less padding, more tokens per second); the
    buckets are drawn from shuffled windows and the batches are shuffled, so the order
    still varies from epoch to epoch.
    """
    indices = list(range(len(lengths)))
    while True:
        rng.shuffle(indices)
        window = batch_size * bucket_factor
        batches = []
        for start in range(0, len(indices), window):
            chunk = sorted(indices[start:start + window], key=lambda i: lengths[i])
            batches.extend(chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size))
        rng.shuffle(batches)
        yield from batches


def sequential_batches(count, batch_size):
    return [list(range(i, min(i + batch_size, count))) for i in range(0, count, batch_size)]


def make_rng(seed):
    return random.Random(seed)
