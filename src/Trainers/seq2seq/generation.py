"""Greedy and beam-search decoding for the compact backbone."""
import torch


class CompactStepper:
    """Encodes once, then gives next-token log-probabilities for a prefix."""

    def __init__(self, module, bos, eos, banned=(), no_repeat_ngram_size=0, blank=()):
        self.module, self.bos, self.eos, self.banned = module, bos, eos, list(banned)
        self.no_repeat = no_repeat_ngram_size
        # An empty summary is never an answer: EOS is refused until a piece with text in it is out
        # (a briefly trained model otherwise often ends at once, or after a lone "▁").
        self.blank = set(blank) | {bos, eos}

    def encode(self, src):
        return self.module.encode(src)

    def next_log_probs(self, prefix, memory, src_pad):
        logits = self.module.decode(prefix, memory, src_pad)[:, -1, :].float()
        logits[:, self.banned] = float("-inf")
        for row, tokens in enumerate(prefix.tolist()):
            if all(token in self.blank for token in tokens):
                logits[row, self.eos] = float("-inf")
        if self.no_repeat > 0:
            for row, tokens in enumerate(prefix.tolist()):
                for token in _repeating(tokens[1:], self.no_repeat):
                    logits[row, token] = float("-inf")
        return torch.log_softmax(logits, dim=-1)


def greedy(step, src, max_length):
    memory, src_pad = step.encode(src)
    batch = src.size(0)
    prefix = torch.full((batch, 1), step.bos, dtype=torch.long, device=src.device)
    finished = torch.zeros(batch, dtype=torch.bool, device=src.device)
    for _ in range(max_length):
        next_ids = step.next_log_probs(prefix, memory, src_pad).argmax(-1)
        next_ids = torch.where(finished, torch.full_like(next_ids, step.eos), next_ids)
        prefix = torch.cat([prefix, next_ids.unsqueeze(1)], dim=1)
        finished |= next_ids.eq(step.eos)
        if bool(finished.all()):
            break
    return [_strip(row[1:].tolist(), step.eos) for row in prefix]


def beam_search(step, src, max_length, num_beams, length_penalty=1.0):
    """Beam search for one source (batch of 1); returns the best token list without EOS."""
    memory, src_pad = step.encode(src)
    memory = memory.expand(num_beams, -1, -1)
    src_pad = src_pad.expand(num_beams, -1)
    prefix = torch.full((1, 1), step.bos, dtype=torch.long, device=src.device)
    scores = torch.zeros(1, device=src.device)
    done = []
    for length in range(1, max_length + 1):
        beams = prefix.size(0)
        log_probs = step.next_log_probs(prefix, memory[:beams], src_pad[:beams])
        total = (scores.unsqueeze(1) + log_probs).view(-1)
        top_scores, top_ids = total.topk(min(num_beams * 2, total.numel()))
        vocab = log_probs.size(-1)
        next_prefix, next_scores = [], []
        for score, flat in zip(top_scores.tolist(), top_ids.tolist()):
            beam, token = divmod(flat, vocab)
            if token == step.eos:
                done.append((score / (length ** length_penalty), prefix[beam, 1:].tolist()))
            else:
                next_prefix.append(torch.cat([prefix[beam], prefix.new_tensor([token])]))
                next_scores.append(score)
            if len(next_prefix) == num_beams:
                break
        best_open = max(next_scores) / (length ** length_penalty) if next_scores else float("-inf")
        if not next_prefix or (len(done) >= num_beams and max(d[0] for d in done) >= best_open):
            break
        prefix = torch.stack(next_prefix)
        scores = prefix.new_tensor(next_scores, dtype=torch.float)
    if not done:
        best = int(scores.argmax())
        return prefix[best, 1:].tolist()
    return max(done, key=lambda d: d[0])[1]


def _repeating(tokens, n):
    """Tokens that would complete an n-gram already present in tokens (the summary so far)."""
    if len(tokens) < n - 1 or n <= 0:
        return []
    if n == 1:
        return list(set(tokens))
    tail = tuple(tokens[len(tokens) - (n - 1):])
    return [tokens[i + n - 1] for i in range(len(tokens) - n + 1) if tuple(tokens[i:i + n - 1]) == tail]


def _strip(tokens, eos):
    return tokens[:tokens.index(eos)] if eos in tokens else tokens
