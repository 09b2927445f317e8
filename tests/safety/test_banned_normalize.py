"""Normalisation pieces and offsets into the original text."""

from __future__ import annotations

import random
import unicodedata

import pytest

from safety.banned.jamo import compose
from safety.banned.keyboard import convert_word
from safety.banned.normalize import fold_text
from safety.banned_words import BannedWords

LIST = """
시발 +초성
병신 +초성
개새끼
fuck
!시발점
"""


@pytest.fixture(scope="module")
def words() -> BannedWords:
    return BannedWords.from_text(LIST)


def _compose(jamo: str) -> str:
    return "".join(u.text for u in compose([(c, i) for i, c in enumerate(jamo)]))


@pytest.mark.parametrize(
    ("jamo", "expected"),
    [
        ("ㅅㅣㅂㅏㄹ", "시발"),
        ("ㄱㅏㅂㅅㅏ", "갑사"),  # double final splits before a vowel
        ("ㄷㅏㄹㄱ", "닭"),
        ("ㄱㅗㅏㅇ", "광"),  # compound vowel
        ("ㅂㅅ", "ㅂㅅ"),  # consonants alone stay loose
        ("ㅏㅅ", "ㅏㅅ"),
        ("ㅇㅏㄴㄴㅕㅇ", "안녕"),
    ],
)
def test_compose_like_an_ime(jamo: str, expected: str) -> None:
    assert _compose(jamo) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("tlqkf", "시발"), ("Tlqkf", "씨발"), ("dkssudgktpdy", "안녕하세요"), ("qudtls", "병신")],
)
def test_keyboard_words_convert(typed: str, expected: str) -> None:
    units = convert_word(typed)
    assert units is not None
    assert "".join(text for text, _ in units) == expected


@pytest.mark.parametrize("word", ["hello", "data", "email", "PDF", "a"])
def test_english_words_do_not_convert(word: str) -> None:
    assert convert_word(word) is None


def test_fold_keeps_length_on_hostile_text() -> None:
    pool = list("시발 abcXYZ0123.,!?") + ["\u200b", "\u0301", "\ufeff", "😀", "𝐬", "ｓ", "ㅅ", "ㅣ", "ᄉ", "ᅵ", "ᆯ",
                                           "⒮", "㈜", "ﬁ", "\x00", "\u3164", "ㆍ", "\U000e0041", "İ"]
    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(0, 40)))
        folded = fold_text(text)
        assert len(folded.main) == len(text)
        assert folded.keyboard is None or len(folded.keyboard) == len(text)


def test_fold_examples() -> None:
    assert fold_text("ｓｈｉｔ").main == "shit"
    assert fold_text("ㅅㅣㅂㅏㄹ").main.replace("\x00", "") == "시발"
    assert fold_text(unicodedata.normalize("NFD", "시발")).main.replace("\x00", "") == "시발"
    assert fold_text("시\u200b발").main == "시\x00발"
    assert fold_text("시이이발").main.replace("\x00", "") == "시발"
    assert fold_text("tlqkf").keyboard.replace("\x00", "") == "시발"
    assert fold_text("hello").keyboard is None


@pytest.mark.parametrize(
    ("prefix", "variant"),
    [
        ("😀😀 야 ", "ㅅㅣㅂㅏㄹ"),
        ("e\u0301\u0301 ", unicodedata.normalize("NFD", "시발")),
        ("\u200b\u200b\u200b", "시\u200b\u200b발"),
        ("𝐀𝐁 ", "tlqkf"),
        ("야 ", "시 . 발"),
        ("ｗｈａｔ ", "ｆｕｃｋ"),
        ("\U000e0041\U000e0042 ", "병1신"),
        ("", "ㅅㅂ"),
    ],
)
def test_offsets_index_the_original_text(words: BannedWords, prefix: str, variant: str) -> None:
    text = f"{prefix}{variant} 끝"
    hits = words.find(text)
    assert len(hits) == 1
    hit = hits[0]
    assert hit.start == len(prefix)
    # The span covers the whole variant and nothing past it but invisibles.
    assert hit.end >= len(prefix) + len(variant)
    assert text[len(prefix) + len(variant) : hit.end].strip("\u200b") == ""
    redacted = words.redact(text)
    assert len(redacted) == len(text)
    assert redacted.endswith(" 끝")
    assert redacted[: len(prefix)] == prefix


def test_find_is_sorted_and_non_overlapping(words: BannedWords) -> None:
    text = "시발 개새끼 병신 fuck 시발점 ㅂㅅ 개 새 끼"
    hits = words.find(text)
    assert [h.term for h in hits] == ["시발", "개새끼", "병신", "fuck", "병신", "개새끼"]
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))
    assert [text[h.start : h.end] for h in hits] == ["시발", "개새끼", "병신", "fuck", "ㅂㅅ", "개 새 끼"]


def test_redact_masks_every_hit_character_and_keeps_whitespace(words: BannedWords) -> None:
    assert words.redact("야 시 발 진짜") == "야 * * 진짜"
    assert words.redact("tlqkf!") == "*****!"
    assert words.redact("시발점은 괜찮다") == "시발점은 괜찮다"


@pytest.mark.parametrize("evasions", [3, 40], ids=["few-hits", "many-hits"])
def test_offsets_in_long_text(words: BannedWords, evasions: int) -> None:
    """Long texts map hits back by galloping (few hits) or one running sum (many)."""
    rng = random.Random(evasions)
    filler = ["일반 행정 문장입니다. ", "보도자료를 배포합니다.\n", "Wi-Fi 설치 장소 12개소 ", "ㆍ 주민등록 ㆍ "]
    variants = ["시 발", "ㅅㅣㅂㅏㄹ", "tlqkf", "개.새.끼", "병\u200b신", "ㅂㅅ", "ｆｕｃｋ"]
    parts, expected = [], []
    position = 0
    for i in range(evasions):
        for _ in range(rng.randrange(200, 400) // (1 if evasions < 10 else 8)):
            piece = rng.choice(filler)
            parts.append(piece)
            position += len(piece)
        variant = rng.choice(variants)
        parts.append(variant + " ")
        expected.append((position, position + len(variant)))
        position += len(variant) + 1
    text = "".join(parts)
    assert len(text) > 8000
    hits = words.find(text)
    assert [(h.start, h.end) for h in hits] == expected

