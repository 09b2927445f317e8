"""Per-character folding, length-preserving so offsets stay valid.

Every character of the input maps to exactly one character of the folded text
("T"). That keeps hit offsets equal to Python indices into the original text with
no index map at all. Consequences, chosen on purpose:

* invisible characters (format, private-use, unassigned, combining marks, Hangul
  fillers, control characters other than whitespace) become ``INVISIBLE`` and are
  skipped by every later step;
* NFKC is applied per character: full-width, circled and mathematical letters fold
  to ASCII, compatibility and conjoining jamo fold to compatibility jamo;
* a character whose NFKC form is several characters keeps its single letter when
  it has one (``⒮`` -> ``s``, ``㈜`` -> ``주``) and is otherwise left alone;
* Latin letters lose diacritics and Cyrillic/Greek look-alikes become Latin; ASCII
  case is kept because the keyboard-layout view needs Shift (``T`` = ``ㅆ``).

Only Hangul syllables, compatibility jamo and ASCII letters (plus digits in the
digit view) take part in matching; every other character is a separator, so a
Hanja or an emoji between two syllables is treated like a dot.
"""

from __future__ import annotations

import re
import unicodedata

from safety.banned.jamo import conjoining_to_compat

INVISIBLE = "\x00"

# Characters that render as nothing (or nearly) but are not Unicode format chars.
_INVISIBLE_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u034f\u180e\u2800")
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Co", "Cn", "Mn", "Me", "Cs"})
# Korean documents use these as middle dots; NFKC would turn ㆍ into a vowel letter.
_MIDDLE_DOTS = {"\u318d": "\u00b7", "\u119e": "\u00b7", "\u2022": "\u00b7"}

# Cyrillic and Greek letters that look like Latin ones (both cases).
_HOMOGLYPHS = dict(
    zip(
        "аеорсухіѕјԁԛԝѵһӏвкмнтАВЕКМНОРСТУХЅІЈ"
        "αορνυικχτΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxisjdqwvhlbkmhtABEKMHOPCTYXSIJ"
        "aopvuikxtABEZHIKMNOPTYX",
        strict=True,
    )
)

# Characters outside this set need folding; admin text has few, so only those runs are translated.
_NEEDS_FOLD_RE = re.compile(r"[^\uac00-\ud7a3\x20-\x7e\n\r\t]+")


def fold_char(ch: str) -> str:
    """The single character ``ch`` becomes in the folded text."""
    cp = ord(ch)
    if 0xAC00 <= cp <= 0xD7A3 or 0x20 <= cp <= 0x7E:
        return ch
    if ch in _MIDDLE_DOTS:
        return _MIDDLE_DOTS[ch]
    if ch in "\t\n\r\x0b\x0c":
        return ch
    if "\u3131" <= ch <= "\u3163":
        return ch  # NFKC would turn some of these (ㅄ) into archaic leading clusters
    if "\uffa1" <= ch <= "\uffdc":
        # Halfwidth jamo: same letter names as the compatibility block.
        name = unicodedata.name(ch, "").removeprefix("HALFWIDTH ")
        try:
            return unicodedata.lookup(name)
        except KeyError:
            pass
    if ch in _INVISIBLE_EXTRA:
        return INVISIBLE
    category = unicodedata.category(ch)
    if category in _INVISIBLE_CATEGORIES or category == "Cc":
        return INVISIBLE
    if category in ("Zs", "Zl", "Zp"):
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        alnum = [c for c in folded if c.isalnum()]
        if len(alnum) == 1:
            folded = alnum[0]
        elif not alnum and folded:
            folded = folded[0]
        else:
            return ch
    if folded in _MIDDLE_DOTS:
        return _MIDDLE_DOTS[folded]
    compat = conjoining_to_compat(folded)
    if compat is not None:
        return compat
    if folded.isdecimal() and not folded.isascii():
        return str(unicodedata.decimal(folded))
    if not folded.isascii() and folded.isalpha():
        decomposed = unicodedata.normalize("NFD", folded)
        base = decomposed[0]
        if base.isascii() and all(unicodedata.category(c) == "Mn" for c in decomposed[1:]):
            folded = base
        folded = _HOMOGLYPHS.get(folded, folded)
    return folded


CACHE_LIMIT = 65536  # distinct characters remembered; text full of rare ones must not grow memory


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each code point."""

    def __missing__(self, cp: int) -> str:
        value = fold_char(chr(cp))
        if len(self) < CACHE_LIMIT:
            self[cp] = value
        return value


FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Length-preserving fold of ``text`` (see module docstring)."""
    return _NEEDS_FOLD_RE.sub(lambda m: m.group().translate(FOLD_TABLE), text)


# Letters that take part in matching: Hangul syllables, compatibility jamo, ASCII
# letters (everything else folds to one of these or is a separator). A narrow
# range class keeps the separator-dropping regex fast.
KEY_CLASS = "\uac00-\ud7a3\u3131-\u3163a-zA-Z"


def is_key_char(ch: str, *, digits: bool = False) -> bool:
    """Whether a folded character takes part in matching (digits only in the digit view)."""
    if "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u3163":
        return True
    if ch.isascii():
        return ch.isalpha() or (digits and ch.isdigit())
    return False
