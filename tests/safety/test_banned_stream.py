"""Streaming redaction equals whole-text redaction, however the text is chunked."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from safety.banned_words import BannedWords

LIST_PATH = Path(__file__).parent / "banned_data" / "test_list.txt"

TEXTS = [
    "야 시발 진짜 왜 그래",
    "개새끼야 시 발 놈아 ㅅㅂ 병신",
    "tlqkf 뭐야 ㅅㅣㅂㅏㄹ 그리고 시\u200b발",
    "이번 사업은 시발점이 될 것이다. 그런데 시발",  # exception, then a hit at the very end
    "fuck you, f.u.c.k 그리고 class",
    "병 신이 나서 개 새 끼야",
    "좆같네",  # the whole text is the hit
    "다시 발표합니다 우리 시 발전",  # no hits at all
]


@pytest.fixture(scope="module")
def words() -> BannedWords:
    return BannedWords.from_file(LIST_PATH)


def _stream(words: BannedWords, chunks: list[str]) -> str:
    redactor = words.stream_redactor()
    shown = "".join(redactor.feed(c) for c in chunks)
    return shown + redactor.flush()


@pytest.mark.parametrize("text", TEXTS)
def test_every_two_chunk_split_matches_batch(words: BannedWords, text: str) -> None:
    expected = words.redact(text)
    for cut in range(len(text) + 1):
        assert _stream(words, [text[:cut], text[cut:]]) == expected, cut


@pytest.mark.parametrize("text", TEXTS[:3])
def test_every_three_chunk_split_matches_batch(words: BannedWords, text: str) -> None:
    expected = words.redact(text)
    n = len(text)
    for a in range(n + 1):
        for b in range(a, n + 1):
            assert _stream(words, [text[:a], text[a:b], text[b:]]) == expected, (a, b)


@pytest.mark.parametrize("text", TEXTS)
def test_character_by_character(words: BannedWords, text: str) -> None:
    redactor = words.stream_redactor()
    expected = words.redact(text)
    shown = ""
    for ch in text:
        shown += redactor.feed(ch)
        assert expected.startswith(shown)  # nothing shown is ever taken back
    assert shown + redactor.flush() == expected


def test_terms_are_never_shown_before_flush(words: BannedWords) -> None:
    redactor = words.stream_redactor()
    shown = "".join(redactor.feed(c) for c in ["야 시", "발"])
    assert "발" not in shown and "시" not in shown
    assert shown + redactor.flush() == "야 **"


def test_long_random_stream_matches_batch(words: BannedWords) -> None:
    rng = random.Random(11)
    pieces = TEXTS + ["일반 행정 문장입니다.", "\n", "보도자료를 배포합니다. "]
    text = " ".join(rng.choice(pieces) for _ in range(150))
    chunks, i = [], 0
    while i < len(text):
        step = rng.randrange(1, 12)
        chunks.append(text[i : i + step])
        i += step
    assert _stream(words, chunks) == words.redact(text)


def test_text_flows_without_waiting_for_flush(words: BannedWords) -> None:
    redactor = words.stream_redactor()
    text = "일반 행정 문장입니다. " * 50
    shown = "".join(redactor.feed(text[i : i + 7]) for i in range(0, len(text), 7))
    assert len(shown) > len(text) - 60  # only a short tail is held back
    assert shown + redactor.flush() == text


def test_hold_is_bounded_without_whitespace(words: BannedWords) -> None:
    redactor = words.stream_redactor()
    shown = "".join(redactor.feed("가나다라마바사" * 10) for _ in range(50))
    assert len(shown) >= 50 * 70 - 1024


def test_empty_list_passes_through() -> None:
    redactor = BannedWords.empty().stream_redactor()
    assert redactor.feed("시발") == "시발"
    assert redactor.flush() == ""


def test_hostile_random_text_streams_like_batch(words: BannedWords) -> None:
    """Jamo, invisibles, astral characters and keyboard words at random chunk edges."""
    pool = ["시", "발", "병", "신", "ㅅ", "ㅣ", "ㅂ", "ㅏ", "ㄹ", "ㅄ", " ", ".", "1", "\u200b", "\u0301", "😀",
            "tlqkf", "qudtls", "fuck", "점", "이", "야", "\n", "ｆ", "ᄉ", "ᅵ", "ᆯ", "人", "l", "!"]
    rng = random.Random(5)
    for _ in range(60):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 60)))
        expected = words.redact(text)
        assert len(expected) == len(text)
        for h in words.find(text):
            assert 0 <= h.start < h.end <= len(text)
        cuts = sorted(rng.sample(range(len(text) + 1), k=min(4, len(text) + 1)))
        chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
        assert _stream(words, chunks) == expected, (text, cuts)
