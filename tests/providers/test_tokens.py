"""Token counts: exact offline BPE for OpenAI models, conservative estimates otherwise."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from bot.providers.tokens import (
    MESSAGE_OVERHEAD_TOKENS,
    count_tokens,
    encoding_name,
    estimate_tokens,
    fit_to_budget,
)
from tests.providers.conftest import model

with warnings.catch_warnings():  # bpe-openai 0.1.4 uses a deprecated importlib.resources call
    warnings.simplefilter("ignore", DeprecationWarning)
    import bpe_openai

    REFERENCE = {name: bpe_openai.get_encoding(name) for name in ("cl100k_base", "o200k_base")}

DATA = Path(__file__).parent / "data"
KOREAN = (DATA / "korean_office_sample.txt").read_text(encoding="utf-8")
ENGLISH = (DATA / "english_office_sample.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("provider", "model_id", "expected"),
    [
        ("openai", "gpt-4o-mini", "o200k_base"),
        ("openai", "gpt-4.1", "o200k_base"),
        ("openai", "gpt-5", "o200k_base"),
        ("openai", "o3-mini", "o200k_base"),
        ("openai", "gpt-4-turbo", "cl100k_base"),
        ("openai", "gpt-3.5-turbo", "cl100k_base"),
        ("openai_compatible", "openai/gpt-oss-20b", "o200k_base"),
        ("openai_compatible", "Qwen2.5-32B-Instruct", None),
        ("anthropic", "claude-sonnet-4", None),
        ("perplexity", "sonar-pro", None),
    ],
)
def test_encoding_choice(provider, model_id, expected):
    assert encoding_name(model(provider, None, model=model_id)) == expected


def test_openai_counts_match_the_encoding():
    for model_id, enc in [("gpt-4o", "o200k_base"), ("gpt-4", "cl100k_base")]:
        assert count_tokens(KOREAN, model("openai", None, model=model_id)) == len(REFERENCE[enc].encode_ordinary(KOREAN))


def test_special_token_text_is_counted_not_refused():
    assert count_tokens("before <|endoftext|> after", model("openai", None, model="gpt-4o")) > 3


def test_explicit_tokenizer_option():
    m = model("openai_compatible", None, model="my-model", options={"tokenizer": "cl100k_base"})
    assert count_tokens(KOREAN, m) == len(REFERENCE["cl100k_base"].encode_ordinary(KOREAN))


def test_default_estimate_is_conservative_for_korean_and_english():
    claude = model("anthropic", None, model="claude-x")
    for text in (KOREAN, ENGLISH):
        estimate = count_tokens(text, claude)
        for enc in ("cl100k_base", "o200k_base"):
            assert estimate >= len(REFERENCE[enc].encode_ordinary(text))
    # …without treating English like Korean: far fewer tokens per character.
    assert count_tokens(ENGLISH, claude) / len(ENGLISH) < count_tokens(KOREAN, claude) / len(KOREAN) / 2


def test_configured_ratio_wins():
    m = model("anthropic", None, model="claude-x", chars_per_token=2.0)
    assert count_tokens("가" * 101, m) == 51
    assert estimate_tokens("") == 0 and count_tokens("", m) == 0


def test_very_long_text_is_counted_in_pieces():
    m = model("openai", None, model="gpt-4o")
    text = (KOREAN.replace("\n", " ") + " ") * 800  # ~1.15M chars: over bpe-openai's single-call limit
    assert len(text) > 1_000_000
    assert count_tokens(text, m) == pytest.approx(800 * count_tokens(KOREAN.replace("\n", " ") + " ", m), rel=0.01)


def test_fit_to_budget_keeps_the_most_recent_texts():
    m = model("anthropic", None, model="claude-x", chars_per_token=1.0)
    texts = ["a" * 50, "b" * 10, "c" * 20, "d" * 30]
    cost = {t: len(t) + MESSAGE_OVERHEAD_TOKENS for t in texts}
    assert fit_to_budget(texts, cost["d" * 30] + cost["c" * 20], m) == ["c" * 20, "d" * 30]
    # A text that does not fit ends the context, even if older shorter ones would.
    assert fit_to_budget(texts, cost["d" * 30] + cost["c" * 20] + cost["b" * 10] - 1, m) == ["c" * 20, "d" * 30]
    assert fit_to_budget(texts, 10**6, m) == texts
    assert fit_to_budget(texts, 5, m) == [] and fit_to_budget([], 100, m) == []


def test_very_long_korean_text_is_counted_not_refused():
    from bot.config import ModelSettings
    from bot.providers.tokens import count_tokens

    model = ModelSettings(provider="openai", model="gpt-4-turbo")
    text = "가나다라마바사아자차카타파하" * 16_000  # 224,000 Hangul characters, one line
    assert count_tokens(text, model) > 150_000
    emoji = ModelSettings(provider="openai", model="gpt-4o")
    assert count_tokens("🙂" * 120_000, emoji) > 100_000
