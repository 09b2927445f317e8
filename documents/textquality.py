"""Is the text a PDF page gave us real words, or a broken text layer?

Korean PDFs with CID fonts and no (or a wrong) ToUnicode map yield ``(cid:123)``
tokens, U+FFFD, control or private-use characters, shifted ASCII ("7KHTXLFN" for
"Thequick") or a page of stray Hanja instead of Hangul. Copying from a viewer gives
the same garbage, so no library can fix it: such pages need OCR or the source file.
"""

from __future__ import annotations

import re
from enum import Enum

CID_TOKEN = re.compile(r"\(cid:\d+\)")
MIN_LETTERS = 20


class PageText(Enum):
    OK = "ok"
    EMPTY = "empty"  # too little text to judge: blank page or a scan
    GARBAGE = "garbage"  # text present but not readable


def judge(text: str) -> PageText:
    cids = len(CID_TOKEN.findall(text))
    if cids >= 5:
        return PageText.GARBAGE
    text = CID_TOKEN.sub("", text)
    letters = hangul = hanja = latin = vowels = bad = 0
    for char in text:
        code = ord(char)
        if char.isalnum():
            letters += 1
            if 0xAC00 <= code <= 0xD7A3:
                hangul += 1
            elif 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
                hanja += 1
            elif char.isascii() and char.isalpha():
                latin += 1
                vowels += char in "aeiouAEIOU"
        elif code == 0xFFFD or 0xE000 <= code <= 0xF8FF or (code < 32 and char not in "\t\r\n"):
            bad += 1
    if letters + bad < MIN_LETTERS:
        return PageText.EMPTY
    if bad > 0.05 * (letters + bad):
        return PageText.GARBAGE
    if hanja > 0.3 * letters and hangul < 0.3 * letters:
        return PageText.GARBAGE
    # Real Latin-script text is about 35-45 % vowels; shifted glyph codes are not.
    if latin >= 50 and latin > 0.5 * letters and vowels < 0.15 * latin:
        return PageText.GARBAGE
    return PageText.OK
