"""List-file syntax, errors and entry semantics."""

from __future__ import annotations

from pathlib import Path

import pytest

from safety.banned.listfile import parse_list
from safety.banned_words import BannedListError, BannedWords

EXAMPLE = Path(__file__).parents[2] / "safety" / "data" / "banned_words.example.txt"


def test_syntax_comments_exceptions_and_markers() -> None:
    spec = parse_list("# header\n\n시발 +초성   # inline comment\n개 새끼\n!시발점\n  fuck  \n")
    assert [(e.term, e.chosung, e.line) for e in spec.entries] == [
        ("시발", True, 3), ("개 새끼", False, 4), ("fuck", False, 6)]
    assert [e.term for e in spec.exceptions] == ["시발점"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("시발\n병신 +초승\n", 2),  # unknown marker
        ("시발\n!시발점 +초성\n", 2),  # marker on an exception
        ("시발\n!\n", 2),  # empty exception
        ("+초성\n", 1),  # marker without a term
        ("시발\n" + "가" * 201 + "\n", 2),
        ("시발\n병신\x00\n", 0),
        ("시발\n...\n", 2),  # no letters after normalisation
    ],
)
def test_broken_lists_raise_with_line_number(text: str, line: int) -> None:
    with pytest.raises(BannedListError) as info:
        BannedWords.from_text(text)
    assert info.value.line == line
    # The error must be loggable: it never repeats the list's content.
    assert "병신" not in str(info.value) and "시발" not in str(info.value)


def test_len_counts_distinct_entries_not_exceptions() -> None:
    words = BannedWords.from_text("시발\n시발\n병신\n!시발점\n!병신년\n")
    assert len(words) == 2
    assert words.exception_count == 2
    assert len(BannedWords.empty()) == 0
    assert BannedWords.empty().find("시발") == []
    assert BannedWords.empty().redact("시발") == "시발"


def test_chosung_only_for_marked_entries() -> None:
    marked = BannedWords.from_text("시발 +초성\n")
    plain = BannedWords.from_text("시발\n")
    for text in ["ㅅㅂ", "ㅅ발", "시ㅂ"]:
        assert [h.term for h in marked.find(f"아 {text} 진짜")] == ["시발"], text
        assert plain.find(f"아 {text} 진짜") == [], text
    tense = BannedWords.from_text("씨발 +초성\n")
    for text in ["ㅆㅂ", "ㅅㅂ", "ㅆ발"]:  # a tense initial may be typed plain
        assert [h.term for h in tense.find(f"아 {text} 진짜")] == ["씨발"], text
    # Spaced consonants look like list markers and are not taken as 초성.
    assert marked.find("ㅅ. ㅂ.") == []


def test_cluster_letter_counts_as_two_initials() -> None:
    words = BannedWords.from_text("병신 +초성\n")
    assert [h.term for h in words.find("ㅄ")] == ["병신"]


def test_latin_terms_match_whole_words_any_case() -> None:
    words = BannedWords.from_text("ass\nfuck\n")
    assert words.find("class assignment, bass") == []
    assert [h.term for h in words.find("you ASS!")] == ["ass"]
    assert [h.term for h in words.find("FuCk이네")] == ["fuck"]


def test_terms_with_digits_keep_them() -> None:
    words = BannedWords.from_text("18놈\n")
    assert [h.term for h in words.find("이 18놈아")] == ["18놈"]
    assert words.find("2018놈") == []
    assert words.find("이 놈아") == []


def test_from_file_accepts_bom_and_rejects_bad_bytes(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes("\ufeff시발\n".encode())
    assert len(BannedWords.from_file(good)) == 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00broken")
    with pytest.raises(BannedListError):
        BannedWords.from_file(bad)
    big = tmp_path / "big.txt"
    big.write_text("시발\n" * 100, encoding="utf-8")
    with pytest.raises(BannedListError):
        BannedWords.from_file(big, max_bytes=64)


def test_example_list_parses_and_catches_its_own_entries() -> None:
    words = BannedWords.from_file(EXAMPLE)
    spec = parse_list(EXAMPLE.read_text(encoding="utf-8"))
    assert len(words) == len({e.term for e in spec.entries}) >= 40
    assert words.exception_count >= 8
    for entry in spec.entries:
        assert [h.term for h in words.find(f"야 {entry.term} 진짜")] == [entry.term]
    for exception in spec.exceptions:
        assert words.find(exception.term) == []
