"""Token counts for context budgets, offline.

OpenAI models are counted exactly with ``bpe-openai`` (tiktoken-compatible, vocabularies
embedded in the wheel: nothing is downloaded, unlike tiktoken): ``o200k_base`` for the
gpt-4o / 4.1 / 4.5 / 5 / o-series / gpt-oss families, ``cl100k_base`` for older ones.
``options.tokenizer`` names an encoding explicitly (e.g. for a compatible server).

Other models (Claude, Perplexity, on-premises) use their own tokenizers, which are not
available offline; their counts are estimates that err on the high side:
- ``model.chars_per_token`` when configured (measure it on your own text with your model);
- else a script-aware default: 1.4 tokens per Hangul/CJK character plus one token per 3
  other characters. Measured on Korean public-sector prose (tests/providers/data/
  korean_office_sample.txt) cl100k_base, the least Korean-efficient modern tokenizer we can
  run offline, needs 1.05 chars/token and o200k_base 1.67; this default estimates 1.05×
  cl100k's count there (1.67× o200k's), 1.61× on English prose, and 0.98–1.08× cl100k
  (1.11× o200k) on the project's mixed Korean/markdown notes. Reproduce with
  ``python -m bot.providers.tokens FILE…``.
"""

from __future__ import annotations

import math
import re
import sys
import warnings
from functools import lru_cache
from typing import Any

from bot.config import ModelSettings

WIDE_TOKENS_PER_CHAR = 1.4  # Hangul syllables/jamo, CJK ideographs, kana
OTHER_CHARS_PER_TOKEN = 3.0  # Latin letters, digits, spaces, punctuation
MESSAGE_OVERHEAD_TOKENS = 4  # role and separators each chat message costs on top of its text

_O200K_PREFIXES = ("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "gpt-oss", "codex")
_WIDE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff]")
# bpe-openai refuses an input of more than 200,000 tokens; Korean under cl100k is
# about one token per character and emoji up to three, so pieces stay far below.
_PIECE_CHARS = 50_000


def encoding_name(model: ModelSettings) -> str | None:
    """The exact tokenizer for this model, or None when only an estimate is possible."""
    explicit = model.options.get("tokenizer")
    if explicit:
        return str(explicit)
    model_id = model.model.lower().rsplit("/", 1)[-1]
    if model.provider == "openai":
        return "o200k_base" if model_id.startswith(_O200K_PREFIXES) else "cl100k_base"
    if model.provider == "openai_compatible" and model_id.startswith("gpt-oss"):
        return "o200k_base"
    return None


@lru_cache(maxsize=4)
def _encoding(name: str) -> Any:
    # Imported on first use: loading a vocabulary takes ~60 ms. bpe-openai 0.1.4 reads its
    # data with a deprecated importlib.resources call; that warning is not ours to show.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import bpe_openai

        return bpe_openai.get_encoding(name)


def _pieces(text: str) -> list[str]:
    if len(text) <= _PIECE_CHARS:
        return [text]
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _PIECE_CHARS)
        if end < len(text):
            # Cut after whitespace, so no word is split and counts stay exact.
            space = text.rfind(" ", start + _PIECE_CHARS // 2, end)
            if space != -1:
                end = space + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def estimate_tokens(text: str, chars_per_token: float | None = None) -> int:
    if not text:
        return 0
    if chars_per_token:
        return math.ceil(len(text) / chars_per_token)
    wide = len(_WIDE.findall(text))
    return math.ceil(wide * WIDE_TOKENS_PER_CHAR + (len(text) - wide) / OTHER_CHARS_PER_TOKEN)


def count_tokens(text: str, model: ModelSettings) -> int:
    if not text:
        return 0
    name = encoding_name(model)
    if name is None:
        return estimate_tokens(text, model.chars_per_token)
    encoding = _encoding(name)
    try:
        return sum(len(encoding.encode_ordinary(piece)) for piece in _pieces(text))
    except Exception:  # a tokenizer limit must never fail a request: estimate instead
        return estimate_tokens(text, model.chars_per_token)


def fit_to_budget(texts: list[str], budget: int, model: ModelSettings) -> list[str]:
    """The most recent texts (a suffix of ``texts``, order kept) whose tokens, plus
    ``MESSAGE_OVERHEAD_TOKENS`` each, fit in ``budget``. Stops at the first text that
    does not fit, so the kept context has no holes."""
    kept = 0
    used = 0
    for text in reversed(texts):
        cost = count_tokens(text, model) + MESSAGE_OVERHEAD_TOKENS
        if used + cost > budget:
            break
        used += cost
        kept += 1
    return texts[len(texts) - kept :] if kept else []


def _report(paths: list[str]) -> None:
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        exact = {n: len(_encoding(n).encode_ordinary(text)) for n in ("cl100k_base", "o200k_base")}
        est = estimate_tokens(text)
        print(
            f"{path}: chars={len(text)} estimate={est} "
            + " ".join(f"{n}={c} ({len(text) / c:.2f} chars/token, estimate×{est / c:.2f})" for n, c in exact.items())
        )


if __name__ == "__main__":
    _report(sys.argv[1:])
