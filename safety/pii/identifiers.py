"""Recognisers for Korean identification numbers.

Replaces Presidio's shipped Kr* recognisers, which accept only '-' as a
separator, know only English RRN context words, score any 12-digit number
starting 11-28 as a driver's licence, score passports below any threshold and
miss the G (official) passport prefix.
"""

from __future__ import annotations

from typing import Optional

from presidio_analyzer import Pattern

from safety.pii import checksums
from safety.pii.base import KoreanPatternRecognizer, Match, digits_of

# Words that mark a number as a document, order or product number.
_NOT_PERSONAL = (
    "주문", "송장", "운송장", "바코드", "ean", "isbn", "상품", "제품", "품번", "모델",
    "시행", "문서번호", "접수번호", "관리번호", "일련번호", "사건번호", "공고", "예산",
    "코드", "serial", "시리얼",
)

# A base score under the detector's 0.4 threshold: reported only with a context word.
_BELOW_THRESHOLD = 0.3

# Six digits, separator, seven digits; also "9 0 0 1 0 1 - 1 2 ..." and labelled halves.
_RRN_SHAPES = (
    ("separated", r"(?<![0-9])[0-9]{6}(?: ?[-.] ?| )[{g}][0-9]{6}(?![0-9])"),
    ("bare", r"(?<![0-9])[0-9]{6}[{g}][0-9]{6}(?![0-9])"),
    ("spaced", r"(?<![0-9])(?<![0-9] )[0-9](?: [0-9]){5} ?-? ?[{g}](?: [0-9]){6}(?! ?[0-9])"),
    (
        "halves",
        r"앞(?: ?6)? ?자리[^0-9\n]{0,8}?(?P<a>[0-9]{6})[^0-9\n]{1,12}?(?:뒷|뒤)(?: ?7)? ?자리"
        r"[^0-9\n]{0,8}?(?P<b>[{g}][0-9]{6})(?![0-9])",
    ),
)


def _rrn_patterns(gender_digits: str, prefix: str) -> tuple[Pattern, ...]:
    return tuple(
        Pattern(f"{prefix} {name}", regex.replace("{g}", gender_digits), 0.5)
        for name, regex in _RRN_SHAPES
    )


class _ResidentNumberRecognizer(KoreanPatternRecognizer):
    """Shared scoring for 주민등록번호 and 외국인등록번호.

    Numbers issued since October 2020 end in random digits, so a failed check
    digit lowers the score but never drops a number whose date is valid.
    """

    NEGATIVE_CONTEXT = _NOT_PERSONAL + ("법인", "사업자", "고유번호", "계좌", "카드")

    def __init__(self, latest_birth_year: int, *, min_score: float = 0.0) -> None:
        self.latest_birth_year = latest_birth_year
        super().__init__(min_score=min_score)

    def checksum_ok(self, digits: str) -> bool:
        raise NotImplementedError

    def span_of(self, match: Match) -> tuple[int, int]:
        if "a" in match.re.groupindex:
            return match.start("a"), match.end("b")
        return match.span()

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        if "a" in match.re.groupindex:
            digits = match.group("a") + match.group("b")
        else:
            digits = digits_of(match.group())
        if len(digits) != 13 or not checksums.birth_date_ok(digits, self.latest_birth_year):
            return None
        valid = self.checksum_ok(digits)
        if pattern.name.endswith("halves"):
            return 0.9
        if pattern.name.endswith("bare"):
            # Bare 13-digit runs are also barcodes (Korean EAN-13 starts 880),
            # order numbers and timestamps: without a check digit or a context
            # word they stay below the threshold (context lifts them over it).
            if not valid or digits.startswith("880"):
                return _BELOW_THRESHOLD
            return 0.55
        return 0.85 if valid else 0.6


class RrnRecognizer(_ResidentNumberRecognizer):
    ENTITY = "KR_RRN"
    PATTERNS = _rrn_patterns("1-4", "RRN")
    CONTEXT = (
        "주민등록번호", "주민번호", "주민등록", "주민 번호", "주민등록 번호", "본인확인", "본인 확인",
        "resident registration", "rrn",
    )

    def checksum_ok(self, digits: str) -> bool:
        return checksums.rrn_checksum_ok(digits)


class FrnRecognizer(_ResidentNumberRecognizer):
    ENTITY = "KR_FRN"
    PATTERNS = _rrn_patterns("5-8", "FRN")
    CONTEXT = ("외국인등록번호", "외국인번호", "외국인등록", "외국인 등록", "등록증", "alien registration", "frn")

    def checksum_ok(self, digits: str) -> bool:
        return checksums.frn_checksum_ok(digits)


class PassportRecognizer(KoreanPatternRecognizer):
    """여권번호: M/S/R/G/D/O + 8 digits (old) or + 3 digits, letter, 4 digits (since 2021-12)."""

    ENTITY = "KR_PASSPORT"
    PATTERNS = (
        Pattern("passport current", r"(?<![A-Za-z0-9])[MSRGDOmsrgdo][0-9]{3}[A-Za-z][0-9]{4}(?![A-Za-z0-9])", 0.6),
        # Letter + 8 digits is also a project, booking or business number
        # ("G20251234", "R20250731"): reported only with a passport word near.
        Pattern("passport previous", r"(?<![A-Za-z0-9])[MSRGDOmsrgdo][0-9]{8}(?![A-Za-z0-9])", _BELOW_THRESHOLD),
    )
    CONTEXT = ("여권", "passport", "여권번호")
    NEGATIVE_CONTEXT = _NOT_PERSONAL + ("부품", "규격", "s/n", "품목")


_LEGACY_LICENCE_REGIONS = "서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산"


class DriverLicenseRecognizer(KoreanPatternRecognizer):
    """운전면허번호 RR-YY-NNNNNN-CC (region 11-26, 28) or legacy '서울 12-345678-90'.

    Without separators or context a 12-digit run is far more often something
    else, so its base score stays below the threshold.
    """

    ENTITY = "KR_DRIVER_LICENSE"
    PATTERNS = (
        Pattern(
            "licence separated",
            r"(?<![0-9])(?:1[1-9]|2[0-6]|28)(?P<s>[-. ])[0-9]{2}(?P=s)[0-9]{6}(?P=s)[0-9]{2}(?![0-9])",
            0.45,
        ),
        Pattern("licence bare", r"(?<![0-9])(?:1[1-9]|2[0-6]|28)[0-9]{10}(?![0-9])", 0.15),
        Pattern(
            "licence legacy",
            rf"(?:{_LEGACY_LICENCE_REGIONS}) ?[0-9]{{2}}[-. ]?[0-9]{{6}}[-. ]?[0-9]{{2}}(?![0-9])",
            0.75,
        ),
    )
    CONTEXT = ("운전면허", "면허번호", "면허증", "면허", "driver", "licence", "license")
    # Budget and accounting codes share the RR-YY-NNNNNN-CC shape ("회계 11-01-123456-01").
    NEGATIVE_CONTEXT = _NOT_PERSONAL + ("계좌", "전화", "카드", "회계", "세목", "과목", "세출", "세입")
    CONTEXT_BOOST = 0.4


class BrnRecognizer(KoreanPatternRecognizer):
    """사업자등록번호 AAA-BB-CCCCC; the check digit is required (real numbers always pass)."""

    ENTITY = "KR_BRN"
    PATTERNS = (
        Pattern("brn separated", r"(?<![0-9])[0-9]{3}(?P<s>[-. ])[0-9]{2}(?P=s)[0-9]{5}(?![0-9])", 0.55),
        Pattern("brn bare", r"(?<![0-9])[0-9]{10}(?![0-9])", 0.2),
    )
    CONTEXT = ("사업자등록번호", "사업자번호", "사업자", "고유번호", "brn", "business registration")
    NEGATIVE_CONTEXT = _NOT_PERSONAL + ("계좌", "전화", "연락처")
    CONTEXT_BOOST = 0.4

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        return pattern.score if checksums.brn_ok(digits_of(match.group())) else None


class CrnRecognizer(KoreanPatternRecognizer):
    """법인등록번호 AAAABB-CCCCCCD: type code and check digit; needs context."""

    ENTITY = "KR_CRN"
    PATTERNS = (
        Pattern("crn", r"(?<![0-9])[0-9]{6}(?: ?[-.] ?| )?[0-9]{7}(?![0-9])", 0.3),
    )
    CONTEXT = ("법인등록번호", "법인번호", "법인 등록번호", "법인")
    CONTEXT_BOOST = 0.5

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        digits = digits_of(match.group())
        return pattern.score if len(digits) == 13 and checksums.crn_ok(digits) else None


class HealthInsuranceRecognizer(KoreanPatternRecognizer):
    """건강보험증번호: 11 digits without public checksum; reported only with context."""

    ENTITY = "KR_HEALTH_INSURANCE"
    GATE = ("건강보험", "보험증", "건보", "증번호", "의료보험")
    PATTERNS = (
        Pattern("health insurance", r"(?<![0-9])(?<![0-9]-)[0-9]{1,5}[-. ]?[0-9]{6,10}(?![0-9])(?!-[0-9])", 0.1),
    )
    CONTEXT = GATE + ("보험증번호", "건강보험증")
    CONTEXT_BOOST = 0.5

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        digits = digits_of(match.group())
        if len(digits) != 11 or digits.startswith("01") or checksums.all_same(digits):
            return None
        return pattern.score


# Bank short names that mean nothing else: context anywhere in the window.
_BANK_NAMES = (
    "신한", "KB", "케이비", "IBK", "SC제일", "씨티", "케이뱅크", "카카오뱅크", "토스뱅크", "새마을",
    "농협", "수협", "신협", "우체국", "KDB", "NH", "iM뱅크", "하나은행", "우리은행", "국민은행",
)
# Short names that are also ordinary words (우리 "we", 하나 "one", 부산 the city):
# they mark an account only directly before the number ("하나 123-456789-12345").
_BANK_NAMES_ADJACENT = _BANK_NAMES + (
    "KB국민", "IBK기업", "국민", "하나", "우리", "기업", "제일", "산업", "부산", "대구", "경남", "광주",
    "전북", "제주", "SC", "시티",
)
_ACCOUNT_GROUPED = r"[0-9]{2,6}(?:[- ][0-9]{1,7}){1,4}(?![0-9])(?!-[0-9])"


class BankAccountRecognizer(KoreanPatternRecognizer):
    """계좌번호: bank layouts vary (10-16 digits in 2-5 groups); reported only with context."""

    ENTITY = "KR_BANK_ACCOUNT"
    GATE = (
        "계좌", "입금", "송금", "이체", "예금주", "은행", "뱅크", "농협", "신협", "수협",
        "우체국", "금고", "증권", "account",
    ) + _BANK_NAMES_ADJACENT
    PATTERNS = (
        Pattern(
            "account after bank name",
            r"(?<![가-힣A-Za-z])(?:" + "|".join(sorted(_BANK_NAMES_ADJACENT, key=len, reverse=True)) + r")"
            r"(?:은행)?(?: ?: ?| )?(?<![0-9])"
            # Not a phone number ("부산 051-123-4567") nor a legacy licence ("부산 12-345678-90").
            r"(?!0(?:1[016789]|2|[3-6][0-9]|70|50[0-9])[-. ]?[0-9]{3,4}[-. ]?[0-9]{4}(?![0-9]))"
            r"(?![0-9]{2}[-. ]?[0-9]{6}[-. ]?[0-9]{2}(?![0-9]))"
            r"(?P<v>" + _ACCOUNT_GROUPED + r"|[0-9]{10,14}(?![0-9]))",
            0.6,
        ),
        Pattern(
            "account grouped",
            r"(?<![0-9])(?<![0-9]-)[0-9]{2,6}(?:[- ][0-9]{1,7}){1,4}(?![0-9])(?!-[0-9])",
            0.15,
        ),
        Pattern("account bare", r"(?<![0-9])[0-9]{10,14}(?![0-9])", 0.1),
    )
    CONTEXT = (
        "계좌", "입금", "송금", "이체", "예금주", "은행", "뱅크", "금고", "증권", "account",
        "계좌번호", "가상계좌", "환불",
    ) + _BANK_NAMES
    NEGATIVE_CONTEXT = _NOT_PERSONAL
    CONTEXT_BOOST = 0.5

    def score_match(self, match: Match, pattern: Pattern) -> Optional[float]:
        digits = digits_of(match.group())
        if not 10 <= len(digits) <= 16 or checksums.all_same(digits):
            return None
        return pattern.score
