"""Recognisers for road-name addresses and vehicle number plates."""

from __future__ import annotations

import re
from typing import Optional

from presidio_analyzer import Pattern

from safety.pii.base import KoreanPatternRecognizer

_SIDO = (
    "서울특별시|서울시|서울|부산광역시|부산시|부산|대구광역시|대구시|대구|인천광역시|인천시|인천|"
    "광주광역시|광주시|광주|대전광역시|대전시|대전|울산광역시|울산시|울산|세종특별자치시|세종시|세종|"
    "경기도|경기|강원특별자치도|강원도|강원|충청북도|충북|충청남도|충남|전북특별자치도|전라북도|전북|"
    "전라남도|전남|경상북도|경북|경상남도|경남|제주특별자치도|제주도|제주"
)
_SIGUNGU = r"[가-힣]{1,5}(?:시|군|구)"
_EUPMYEON = r"[가-힣]{1,5}(?:읍|면)"
# A road name ends in 로 or 길 ("세종대로", "번영로10번길"), but not the particle 으로.
_ROAD = r"[가-힣][가-힣0-9]{0,10}(?<!으)(?:로|길)"
_BUILDING = r"[0-9]{1,5}(?:-[0-9]{1,4})?"
# Counters that make the number a quantity, not a building number.
_NOT_BUILDING = r"(?![0-9]|\.[0-9]|개|명|원|건|년|월|일|회|차|%|세|쪽|억|만|천|km|m)"
_UNIT = (
    r"(?:,? ?(?:[가-힣A-Za-z0-9]{1,15}(?:아파트|빌라|오피스텔|타워|맨션|빌딩) ?)?"
    r"(?:[0-9A-Za-z]{1,5}동 ?)?[0-9]{1,5}호|,? ?[0-9]{1,3}층(?: ?[0-9]{1,5}호)?|,? ?[0-9]{1,5}동 [0-9]{1,5}호)"
)

# Reference items after the address: "(세종로)", "(역삼동, 푸른아파트)".
_REFERENCE = r"(?: ?\([가-힣0-9]{1,12}(?:, ?[가-힣0-9]{1,12})?\))?"


# Every address has a road name followed by a building number; finding that
# first and matching the full pattern only around it is far cheaper than
# trying the full pattern at every Hangul syllable.
_ANCHOR = re.compile(r"(?<=[가-힣0-9])(?:로|길) ?[0-9]")
_LOOK_BACK = 80  # longer than any 시·도 + 시·군·구 + 읍·면 + road name
_LOOK_AHEAD = 80


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


# Last syllables of a 시·도, 시·군·구 or 읍·면 word: the word right before a road name.
_AREA_ENDINGS = frozenset("시군구읍면도울산천주전종기원북남")
_LONGEST_ROAD_BODY = 11  # _ROAD: a syllable and up to ten more before 로/길


def _could_be_road(text: str, at: int) -> bool:
    """Cheap test that the 로/길 at ``at`` ends a road name after an area word.

    Every address pattern puts "<area word> " right before the road name, and
    the road name is the whole Hangul/digit run ending at ``at``. Hostile
    repeats such as "로 1로 1..." have an anchor every few characters; this
    keeps the full pattern from being tried at each of them.
    """
    j = at
    while j > 0 and at - j <= _LONGEST_ROAD_BODY and (_is_hangul(text[j - 1]) or "0" <= text[j - 1] <= "9"):
        j -= 1
    return (
        0 < at - j <= _LONGEST_ROAD_BODY
        and j >= 3
        and _is_hangul(text[j])
        and text[j - 1] == " "
        and text[j - 2] in _AREA_ENDINGS
        and _is_hangul(text[j - 3])
    )


class AddressRecognizer(KoreanPatternRecognizer):
    """도로명주소: [시·도] 시·군·구 [구] [읍·면] 도로명 건물번호 [동·호]."""

    ENTITY = "ADDRESS"
    PATTERNS = (
        Pattern(
            "road address",
            rf"(?<![가-힣])(?:(?:{_SIDO}) (?:{_SIGUNGU} ){{0,2}}|(?:{_SIGUNGU} ){{1,2}})(?:{_EUPMYEON} )?"
            rf"{_ROAD} ?{_BUILDING}{_NOT_BUILDING}(?P<unit>{_UNIT})?{_REFERENCE}",
            0.6,
        ),
    )
    CONTEXT = ("주소", "거주", "소재지", "주소지", "사는 곳", "자택", "배송지", "address")
    CONTEXT_BOOST = 0.2

    def score_match(self, match: re.Match, pattern: Pattern) -> Optional[float]:
        # The unit (동·호) is what points at a household rather than a building.
        return 0.75 if match.group("unit") else pattern.score

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        (pattern, compiled), = self._compiled
        results = []
        done = 0  # text before this offset is covered by an earlier match or window
        for anchor in _ANCHOR.finditer(text):
            if anchor.start() < done or not _could_be_road(text, anchor.start()):
                continue
            start = max(done, anchor.start() - _LOOK_BACK)
            while start > done and _is_hangul(text[start - 1]):
                start -= 1  # never start inside a word
            match = compiled.search(text, start, anchor.end() + _LOOK_AHEAD)
            if match is None or match.start() > anchor.start():
                continue
            done = match.end()
            results.append(self.result(match.start(), match.end(), self.score_match(match, pattern)))
        return results


# Use syllables allowed on private, commercial and rental plates.
_PLATE_SYLLABLES = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주바사아자배하허호"
_PLATE_REGIONS = (
    "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
)


class VehiclePlateRecognizer(KoreanPatternRecognizer):
    """차량번호 12가3456, 123가4567 (since 2019) and regional 서울12가3456."""

    ENTITY = "KR_VEHICLE_PLATE"
    PATTERNS = (
        Pattern(
            "plate",
            rf"(?<![0-9가-힣])(?:(?:{_PLATE_REGIONS}) ?)?[0-9]{{2,3}} ?[{_PLATE_SYLLABLES}] ?[0-9]{{4}}"
            r"(?![0-9]|년|명|원|개|건|회|일|월|시|분|초|호|동|층|번)",
            0.6,
        ),
    )
    CONTEXT = ("차량", "번호판", "주차", "자동차", "차번호", "차량번호", "승용차", "화물차")
    CONTEXT_BOOST = 0.3
