"""When a match that crosses separators counts as a hit.

Dropping separators finds ``시 발`` and ``시.발``, but it also glues ordinary
neighbours: ``다시 발표`` contains ``시|발``. A match with visible characters
between its letters is kept only when it looks like a spelled-out evasion:

* each gap is at most ``MAX_GAP`` visible characters;
* it starts a word: the character before it is not a letter or digit
  (``다시 발표`` fails here);
* if a gap holds whitespace, the pieces between whitespace are single letters
  (``개 새 끼``; ``개 소리`` fails) unless a piece itself holds a visible
  separator, and the match ends a word or is followed only by a short particle
  or vocative (``병 신이``, ``개 새 끼야``), so ``미 친환경`` fails;
* patterns made only of loose jamo (``ㅅㅂ``) must be contiguous, because spaced
  consonants are list markers in documents (``ㄱ. ㄴ.``).

Invisible characters are never gaps. Latin terms must also stand as whole words
(``ass`` is not in ``class``), and terms that begin or end with a digit must not
touch another digit.
"""

from __future__ import annotations

from dataclasses import dataclass

from safety.banned.chars import INVISIBLE, is_key_char

MAX_GAP = 3

PARTICLES = frozenset(
    "이 가 은 는 을 를 의 도 만 야 아 에 로 와 과 랑 요 들 짓 "
    "이야 이냐 이다 이네 이랑 이나 같은 같이 처럼 한테 에게 께서 "
    "들아 들이 들은 들을 들의 들도 들한".split()
)


@dataclass(frozen=True, slots=True)
class PatternShape:
    """The facts about a pattern the rules need."""

    jamo_only: bool
    latin_start: bool
    latin_end: bool
    digit_start: bool
    digit_end: bool


def _visible_before(folded: str, index: int) -> str:
    i = index - 1
    while i >= 0 and folded[i] == INVISIBLE:
        i -= 1
    return folded[i] if i >= 0 else ""


def _word_after(folded: str, index: int, limit: int) -> str:
    """Up to ``limit`` letters/digits that directly follow ``index`` (invisibles skipped)."""
    out: list[str] = []
    i = index
    while i < len(folded) and len(out) < limit:
        ch = folded[i]
        if ch != INVISIBLE:
            if not is_key_char(ch, digits=True):
                break
            out.append(ch)
        i += 1
    return "".join(out)


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def accepts(folded: str, start: int, end: int, shape: PatternShape, *, digits: bool) -> bool:
    before = _visible_before(folded, start)
    after = _word_after(folded, end, 1)
    if shape.latin_start and _is_ascii_letter(before):
        return False
    if shape.latin_end and _is_ascii_letter(after):
        return False
    if shape.digit_start and before.isdigit():
        return False
    if shape.digit_end and after.isdigit():
        return False

    gapped = spaced = False
    # Whitespace splits the match into pieces; each piece must be one letter or
    # itself hold a visible separator ("개.새 끼"), else "개 소리" would count.
    piece_letters, piece_marked, pieces_ok = 0, False, True
    previous = -1
    for i in range(start, end):
        ch = folded[i]
        if ch == INVISIBLE or not is_key_char(ch, digits=digits):
            continue
        if previous >= 0 and i > previous + 1:
            gap = folded[previous + 1 : i].replace(INVISIBLE, "")
            if gap:
                if shape.jamo_only or len(gap) > MAX_GAP:
                    return False
                gapped = True
                if any(c.isspace() for c in gap):
                    spaced = True
                    pieces_ok = pieces_ok and (piece_letters == 1 or piece_marked)
                    piece_letters, piece_marked = 0, False
                else:
                    piece_marked = True
        piece_letters += 1
        previous = i
    if not gapped:
        return True
    if before and is_key_char(before, digits=True):
        return False
    if spaced:
        if not (pieces_ok and (piece_letters == 1 or piece_marked)):
            return False
        tail = _word_after(folded, end, 3)
        if tail and tail not in PARTICLES:
            return False
    return True
