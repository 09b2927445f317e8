"""Banned-word matching: milliseconds per 10,000 characters with a 1,000-entry list.

Baseline in the same run: one ``re`` alternation of the same terms (no
normalisation at all), so the figure reads as a ratio on any machine. The text is
100,000 characters of synthetic administrative Korean with a few evasions mixed in.
Two lists are measured: filler terms made of the text's own syllables (worst
case: many near-misses to reject) and of random syllables (typical).

    .venv/bin/python benchmarks/banned_words_bench.py [runs]
"""

from __future__ import annotations

import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from safety.banned.listfile import parse_list  # noqa: E402
from safety.banned_words import BannedWords  # noqa: E402

EXAMPLE = ROOT / "safety" / "data" / "banned_words.example.txt"
CORPUS = ROOT / "tests" / "safety" / "banned_data" / "clean_admin.txt"
TEXT_CHARS = 100_000
LIST_SIZE = 1_000
EVASIONS = ["시 발", "ㅅㅣㅂㅏㄹ", "tlqkf", "개.새.끼", "병\u200b신", "ㅅㅂ", "fｕck"]


def build_list(rng: random.Random, syllables: list[str], corpus: str) -> str:
    """The example list, filled up to LIST_SIZE with 2-4 syllable terms drawn from ``syllables``."""
    spec = parse_list(EXAMPLE.read_text(encoding="utf-8"))
    lines = [e.term + (" +초성" if e.chosung else "") for e in spec.entries]
    lines += ["!" + e.term for e in spec.exceptions]
    seen = {e.term for e in spec.entries}
    while len(seen) < LIST_SIZE:
        term = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if term not in corpus and term not in seen:
            seen.add(term)
            lines.append(term + (" +초성" if rng.random() < 0.05 else ""))
    return "\n".join(lines)


def build_text(rng: random.Random, corpus_lines: list[str]) -> str:
    parts: list[str] = []
    size = 0
    while size < TEXT_CHARS:
        line = rng.choice(corpus_lines)
        if rng.random() < 0.05:
            line = f"{line} {rng.choice(EVASIONS)}"
        parts.append(line)
        size += len(line) + 1
    return "\n".join(parts)[:TEXT_CHARS]


def timed(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(name: str, list_text: str, text: str, runs: int) -> None:
    start = time.perf_counter()
    words = BannedWords.from_text(list_text)
    build_ms = (time.perf_counter() - start) * 1000
    terms = [e.term for e in parse_list(list_text).entries]
    baseline = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))

    words.find(text)  # warm the per-character caches once, as a running bot would have
    per10k = 10_000 / len(text) * 1000
    ours = timed(lambda: words.find(text), runs) * per10k
    regex = timed(lambda: baseline.findall(text), runs) * per10k

    def stream() -> None:
        redactor = words.stream_redactor()
        for i in range(0, len(text), 40):
            redactor.feed(text[i : i + 40])
        redactor.flush()

    streamed = timed(stream, max(1, runs // 3)) * per10k
    print(f"\n[{name}] {len(words)} entries, {words.exception_count} exceptions, built in {build_ms:.0f} ms;"
          f" {len(words.find(text))} hits")
    print(f"  BannedWords.find                  {ours:7.3f} ms per 10k chars")
    print(f"  re alternation (same terms, raw)  {regex:7.3f} ms per 10k chars")
    print(f"  ratio re / BannedWords            {regex / ours:7.2f}x")
    print(f"  stream_redactor, 40-char chunks   {streamed:7.3f} ms per 10k chars")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    rng = random.Random(1)
    corpus_lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = "\n".join(corpus_lines)
    text = build_text(rng, corpus_lines)
    command = " ".join([os.path.relpath(sys.executable), *sys.argv])
    print(f"command: {command}")
    print(f"text: {len(text):,} characters of administrative Korean with evasions mixed in;"
          f" median of {runs} runs")
    # Worst case: filler terms made of the text's own syllables, so the automaton
    # sees many partial and glued matches that the hit rules must reject.
    text_syllables = sorted({c for c in corpus if "가" <= c <= "힣"})
    measure("filler from the text's syllables (worst case)", build_list(rng, text_syllables, corpus), text, runs)
    # Typical: filler terms made of any Hangul syllables, as a real abuse list rarely shares words with 공문.
    all_syllables = [chr(c) for c in range(0xAC00, 0xD7A4)]
    measure("filler from random syllables (typical)", build_list(rng, all_syllables, corpus), text, runs)


if __name__ == "__main__":
    main()
