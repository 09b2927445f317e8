"""Recognisers for phone numbers, e-mail addresses, IP addresses and card numbers.

Presidio's PhoneRecognizer (phonenumbers' matcher) is the slowest recogniser
and its default regions exclude KR; its EmailRecognizer calls tldextract,
which fetches the public suffix list on first use. Korean formats are regular
enough for patterns, and ``ipaddress`` validates IPs.
"""

from __future__ import annotations

import ipaddress
from typing import Optional

from presidio_analyzer import Pattern

from safety.pii import checksums
from safety.pii.base import KoreanPatternRecognizer, Match, digits_of

_NUMBERING = (
    "시행", "문서번호", "접수번호", "관리번호", "등록번호", "일련번호", "사건번호", "공고",
    "주문", "송장", "예산", "코드",
)

_MOBILE = r"01[016789]"
_AREA = r"0(?:2|3[1-3]|4[1-4]|5[1-5]|6[1-4])"
_VOIP = r"070|050[0-9]"
# Not after another number or a document-number prefix such as "정보과-".
_PHONE_LEFT = r"(?<![0-9])(?<![0-9A-Za-z가-힣]-)"
_PHONE_RIGHT = r"(?![0-9])(?!-[0-9])"
_GROUP_SEP = r"(?: ?[-.] ?| )"


class PhoneRecognizer(KoreanPatternRecognizer):
    """Korean mobile, landline (area codes), 070/050x and +82 numbers."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        Pattern(
            "phone international",
            r"(?<![0-9])(?:\+ ?|00)82[- .]?(?:\(0\)|0)?[- .]?"
            r"(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70)[- .]?[0-9]{3,4}[- .]?[0-9]{4}" + _PHONE_RIGHT,
            0.85,
        ),
        Pattern(
            "phone mobile",
            _PHONE_LEFT + rf"(?:\({_MOBILE}\) ?|{_MOBILE}(?:\) ?|{_GROUP_SEP}))[0-9]{{3,4}}{_GROUP_SEP}[0-9]{{4}}"
            + _PHONE_RIGHT,
            0.75,
        ),
        Pattern("phone mobile bare", _PHONE_LEFT + rf"{_MOBILE}[0-9]{{7,8}}" + _PHONE_RIGHT, 0.6),
        Pattern(
            "phone landline",
            _PHONE_LEFT + rf"(?:\((?:{_AREA}|{_VOIP})\) ?|(?:{_AREA}|{_VOIP})(?:\) ?|{_GROUP_SEP}))"
            rf"[0-9]{{3,4}}{_GROUP_SEP}[0-9]{{4}}"
            + _PHONE_RIGHT,
            0.6,
        ),
        Pattern("phone landline bare", _PHONE_LEFT + rf"(?:{_AREA}|{_VOIP})[0-9]{{7,8}}" + _PHONE_RIGHT, 0.45),
    )
    CONTEXT = (
        "연락처", "전화", "휴대폰", "핸드폰", "휴대전화", "연락", "문의", "tel", "팩스", "fax",
        "phone", "mobile", "hp", "통화", "☎",
    )
    NEGATIVE_CONTEXT = _NUMBERING
    # A separated 010-1234-5678 or +82 number is a phone number even next to
    # "예산", "공고" or "주문" ("주문하신 분 010-2345-6789").
    NO_NEGATIVE_PATTERNS = ("phone international", "phone mobile")
    NEGATIVE_LABELS = ("문서번호", "접수번호", "관리번호", "등록번호", "일련번호", "사건번호")
    CONTEXT_BOOST = 0.3

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        digits = digits_of(match.group())
        # 0000/1234-style fillers in the subscriber part are placeholders, not numbers.
        if checksums.all_same(digits[-8:]):
            return None
        return pattern.score


class EmailRecognizer(KoreanPatternRecognizer):
    ENTITY = "EMAIL_ADDRESS"
    GATE = ("@",)
    PATTERNS = (
        Pattern(
            "email",
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
            r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9])",
            0.9,
        ),
    )
    CONTEXT = ("이메일", "메일", "email", "e-mail", "전자우편")


class IpRecognizer(KoreanPatternRecognizer):
    ENTITY = "IP_ADDRESS"
    PATTERNS = (
        Pattern("ipv4", r"(?<![0-9A-Za-z.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9]|\.[0-9])", 0.6),
        Pattern(
            "ipv6",
            r"(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{1,4}:|:)(?:[0-9A-Fa-f]{0,4}:){1,6}[0-9A-Fa-f]{0,4}(?![0-9A-Za-z:])",
            0.6,
        ),
    )
    CONTEXT = ("ip", "아이피", "서버", "접속", "호스트", "host", "게이트웨이", "gateway", "dns", "서브넷", "주소")
    NEGATIVE_CONTEXT = ("버전", "version", "ver", "릴리스", "release", "빌드", "build", "판번호")
    CONTEXT_BOOST = 0.3

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        value = match.group()
        if pattern.name == "ipv4":
            octets = value.split(".")
            if any(len(o) > 1 and o[0] == "0" for o in octets):
                return None
            try:
                ipaddress.IPv4Address(value)
            except ValueError:
                return None
            # "1.2.3.4" is more often outline numbering than an address.
            return 0.3 if all(len(o) == 1 for o in octets) else pattern.score
        if value.count(":") < 2:
            return None
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            return None
        return pattern.score


class CreditCardRecognizer(KoreanPatternRecognizer):
    """13-19 digit card numbers that pass Luhn, including Korean domestic 9xxx BINs."""

    ENTITY = "CREDIT_CARD"
    PATTERNS = (
        Pattern(
            "card 4x4",
            r"(?<![0-9])(?<![0-9]-)[0-9]{4}(?P<s>[- ]?)[0-9]{4}(?P=s)[0-9]{4}(?P=s)[0-9]{4}"
            r"(?:(?P=s)[0-9]{1,3})?(?![0-9])(?!-[0-9])",
            0.8,
        ),
        Pattern(
            "card amex diners",
            r"(?<![0-9])(?<![0-9]-)3[0-9]{3}(?P<s>[- ]?)[0-9]{6}(?P=s)[0-9]{4,5}(?![0-9])(?!-[0-9])",
            0.8,
        ),
    )
    CONTEXT = ("카드", "신용카드", "체크카드", "카드번호", "card", "visa", "master", "결제")
    NEGATIVE_CONTEXT = _NUMBERING + ("바코드", "isbn", "계좌")
    CONTEXT_BOOST = 0.3

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        value = match.group()
        digits = digits_of(value)
        if not 13 <= len(digits) <= 19 or checksums.all_same(digits) or not checksums.luhn_ok(digits):
            return None
        if len(digits) == len(value):
            return 0.55  # a bare Luhn-valid run: one in ten random numbers passes
        return pattern.score
