"""Evasion variants of every list entry are caught; exceptions and clean admin text are not."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from safety.banned.listfile import parse_list
from safety.banned_words import BannedWords

DATA = Path(__file__).parent / "banned_data"
LIST_TEXT = (DATA / "test_list.txt").read_text(encoding="utf-8")
EXAMPLE = Path(__file__).parents[2] / "safety" / "data" / "banned_words.example.txt"

# 두벌식 keys, written here independently of the implementation's table.
_KEY_OF = dict(zip("ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ",
                   "qwertyuiopasdfghjklzxcvbnmQWERTOP", strict=True))
_COMPOUND_KEYS = {"ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
                  "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
                  "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ"}
_FULLWIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
_CYRILLIC = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "s": "ѕ"}
_ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
_TEMPLATES = ["야 {} 진짜 너무하네", "{}", "이 {}!", "아까 그 사람이 {} 이러더라", "({})", "뭐? {}?",
              "{}아 왜 그래", "{}들이 또 왔네", "\"{}\"라고 했다"]


def compat_jamo(syllable: str) -> str:
    """Syllable -> compatibility jamo (a final ㄹ becomes ㄹ, not the conjoining ᆯ)."""
    return "".join(_to_compat(part) for part in unicodedata.normalize("NFD", syllable))


def _to_compat(jamo: str) -> str:
    name = unicodedata.name(jamo)  # HANGUL CHOSEONG SIOS -> HANGUL LETTER SIOS
    letter = name.replace("CHOSEONG ", "LETTER ").replace("JUNGSEONG ", "LETTER ").replace("JONGSEONG ", "LETTER ")
    return unicodedata.lookup(letter)


def keystrokes(word: str) -> str:
    out = []
    for ch in word:
        for j in compat_jamo(ch) if "가" <= ch <= "힣" else ch:
            for k in _COMPOUND_KEYS.get(j, j):
                out.append(_KEY_OF.get(k, k))
    return "".join(out)


def hangul_variants(term: str, rng: random.Random) -> dict[str, list[str]]:
    syl = list(term)
    jamo = [compat_jamo(s) for s in syl]
    first_open = next((i for i, s in enumerate(syl) if (ord(s) - 0xAC00) % 28 == 0), None)
    stretched = None
    if first_open is not None:
        vowel = compat_jamo(syl[first_open])[1]
        stretch = chr(0xAC00 + (11 * 21 + "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ".index(vowel)) * 28)
        stretched = "".join(syl[: first_open + 1]) + stretch + "".join(syl[first_open + 1 :])
    digit = lambda: str(rng.randrange(10))  # noqa: E731
    v = {
        "spacing": [" ".join(syl), "  ".join(syl)],
        "punctuation": [sep.join(syl) for sep in (".", "-", "_", "*", "~", "/", ",", "…", "!!")],
        "digits": ["1".join(syl), "".join(s + digit() for s in syl[:-1]) + syl[-1], "00".join(syl)],
        "fullwidth": ["．".join(syl), "\u3000".join(syl), "＊".join(syl), "－".join(syl)],
        "decomposed": ["".join(jamo), unicodedata.normalize("NFD", term), jamo[0] + "".join(syl[1:])],
        "keyboard": [keystrokes(term)],
        "zero_width": [zw.join(syl) for zw in _ZERO_WIDTH],
        "mixed": [
            " ".join(jamo),
            ".".join(jamo),
            ".".join(keystrokes(s) for s in syl),
            "\u200b．".join(syl),
            " 1 ".join(syl),
            syl[0] + "\u200b" + keystrokes("".join(syl[1:])),
        ],
    }
    if stretched:
        v["mixed"].append(stretched)
    first, rest = jamo[0], "".join(syl[1:])
    lookalike = []
    if first[1] == "ㅣ":
        lookalike += [first[0] + "l" + first[2:] + rest, first[0] + "1" + first[2:] + rest]  # ㅅl발, ㅅ1발
    if first[0] == "ㅅ":
        lookalike.append("人" + first[1:] + rest)  # 人ㅣ발
    if lookalike:
        v["lookalike"] = lookalike
    return v


def latin_variants(term: str) -> dict[str, list[str]]:
    letters = list(term)
    return {
        "spacing": [" ".join(letters)],
        "punctuation": [".".join(letters), "-".join(letters), "*".join(letters)],
        "digits": [letters[0] + "1" + "".join(letters[1:])],
        "fullwidth": ["".join(_FULLWIDTH[c] for c in term)],
        "zero_width": ["\u200b".join(letters)],
        "mixed": [term.upper(), "".join(_CYRILLIC.get(c, c) for c in term), ".".join(_FULLWIDTH[c] for c in term)],
    }


def chosung_variants(term: str) -> list[str]:
    initials = [compat_jamo(s)[0] for s in term]
    return ["".join(initials), initials[0] + term[1:], term[:-1] + initials[-1]]


def build_suite() -> list[tuple[str, str, str]]:
    """(entry, kind, variant) for every entry of the test list."""
    rng = random.Random(20250715)
    suite = []
    for entry in parse_list(LIST_TEXT).entries:
        term = entry.term
        kinds = latin_variants(term) if term.isascii() else hangul_variants(term, rng)
        if entry.chosung:
            kinds["chosung"] = chosung_variants(term)
        for kind, variants in kinds.items():
            suite.extend((term, kind, v) for v in variants)
    return suite


@pytest.fixture(scope="module")
def words() -> BannedWords:
    return BannedWords.from_text(LIST_TEXT)


def _caught(words: BannedWords, variant: str, template: str) -> bool:
    sentence = template.format(variant)
    start = template.index("{}")
    end = start + len(variant)
    overlapping = [h for h in words.find(sentence) if h.start < end and h.end > start]
    if not overlapping:
        return False
    redacted = words.redact(sentence)
    return all(redacted[i] == "*" for i in range(start, end) if sentence[i].isalnum())


def test_variant_suite_detection_rate(words: BannedWords) -> None:
    """Every variant in every sentence template; prints the rate per kind."""
    suite = build_suite()
    cases = [(term, kind, variant, template) for term, kind, variant in suite for template in _TEMPLATES]
    missed = [case for case in cases if not _caught(words, case[2], case[3])]
    rate = 1 - len(missed) / len(cases)
    per_kind: dict[str, list[int]] = {}
    for _, kind, _, _ in cases:
        per_kind.setdefault(kind, [0, 0])[1] += 1
    for _, kind, _, _ in missed:
        per_kind[kind][0] += 1
    print(f"\nbanned-word variant suite: {len(cases) - len(missed)}/{len(cases)} detected = {rate:.2%}"
          f" ({len(suite)} variants x {len(_TEMPLATES)} sentences)")
    for kind, (miss, total) in sorted(per_kind.items()):
        print(f"  {kind:12s} {total - miss}/{total}")
    for item in missed[:20]:
        print("  missed:", item)
    assert len(suite) >= 40 * 20
    assert rate >= 0.98


@pytest.mark.parametrize("kind", ["spacing", "punctuation", "digits", "decomposed", "keyboard", "zero_width"])
def test_every_kind_is_represented_and_mostly_caught(words: BannedWords, kind: str) -> None:
    rows = [(t, v) for t, k, v in build_suite() if k == kind]
    assert rows
    caught = sum(_caught(words, v, "야 {} 진짜") for _, v in rows)
    assert caught / len(rows) >= 0.95, kind


def test_plain_terms_report_their_entry(words: BannedWords) -> None:
    for entry in parse_list(LIST_TEXT).entries:
        hits = words.find(f"그 {entry.term} 말이야")
        assert [h.term for h in hits] == [entry.term]


def test_exceptions_stay_clean(words: BannedWords) -> None:
    spec = parse_list(LIST_TEXT)
    for exception in spec.exceptions:
        assert words.find(exception.term) == [], exception.term
        assert words.find(f"여기는 {exception.term}입니다") == [], exception.term
    for line in (DATA / "exceptions_clean.txt").read_text(encoding="utf-8").splitlines():
        assert words.find(line) == [], line


def test_exception_only_covers_hits_inside_it(words: BannedWords) -> None:
    text = "시발점에서 만난 시발 놈"
    hits = words.find(text)
    assert [(h.term, text[h.start : h.end]) for h in hits] == [("시발", "시발")]
    assert hits[0].start == text.rindex("시발")


def _clean_lines() -> list[str]:
    lines = (DATA / "clean_admin.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def test_clean_corpus_is_large_enough() -> None:
    assert len(_clean_lines()) >= 50


@pytest.mark.parametrize("list_path", [DATA / "test_list.txt", EXAMPLE], ids=["test_list", "example_list"])
def test_clean_admin_corpus_has_no_hits(list_path: Path) -> None:
    words = BannedWords.from_file(list_path)
    assert len(words) > 20
    flagged = [(line, words.find(line)) for line in _clean_lines() if words.find(line)]
    assert flagged == []
    whole = "\n".join(_clean_lines())
    assert words.find(whole) == []
    assert words.redact(whole) == whole


def test_glued_neighbours_are_not_hits(words: BannedWords) -> None:
    for text in ["다시 발표합니다", "김씨 발언", "미 친환경", "개 소리로 인한 민원", "오후 1시 발표",
                 "우리 시 발전", "실시.발표", "ㄱ. ㄴ. ㄷ.", "class assignment", "병 신규 허가"]:
        assert words.find(text) == [], text


def test_exception_counts_only_as_written(words: BannedWords) -> None:
    assert words.find("시발점") == []
    assert words.find("ㅅㅣㅂㅏㄹㅈㅓㅁ") == []  # still the same word, typed in jamo
    assert [h.term for h in words.find("시발 점수가 왜 이래")] == ["시발"]
