"""The sending department's fixed details, which fill the 결문. They come from configuration,
never from a model: a missing field is shown as a placeholder, not guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from documents.official.rules.disclosure import VALID as VALID_DISCLOSURE

PLACEHOLDER = "○○○"


@dataclass(frozen=True)
class DepartmentInfo:
    agency: str | None = None  # 기관명, e.g. "다산구"
    sender: str | None = None  # 발신명의, e.g. "다산구청장"
    department: str | None = None  # 부서명, e.g. "스마트정보과"
    doc_number_prefix: str | None = None  # 시행번호 접두 (처리과명), e.g. "스마트정보과"
    postcode: str | None = None  # 우편번호
    address: str | None = None  # 도로명주소
    phone: str | None = None  # 전화
    fax: str | None = None  # 전송
    email: str | None = None  # 공무원 전자우편
    homepage: str | None = None  # 홈페이지
    disclosure: str = "공개"  # 공개 구분 default: 공개 | 부분공개(n) | 비공개(n)
    contact: str | None = None  # 담당자, e.g. "주무관 홍길동" (보도자료·민원 회신 문의처)

    @property
    def disclosure_valid(self) -> bool:
        """A wrong configured value is not refused here: the draft shows it and the checker flags it."""
        return bool(VALID_DISCLOSURE.match(self.disclosure))

    def get(self, name: str) -> str:
        """The field's value, or the placeholder when it is not configured."""
        value = getattr(self, name)
        return value.strip() if isinstance(value, str) and value.strip() else PLACEHOLDER

    @classmethod
    def from_settings(cls, settings: object) -> DepartmentInfo:
        """Build from the bot's department settings (``bot.config.DepartmentSettings``)."""
        values = {}
        for source, name in _SETTINGS_KEYS.items():
            value = getattr(settings, source, None)
            if isinstance(value, str) and value.strip():
                values[name] = value.strip()
        return cls(**values)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> DepartmentInfo:
        """Build from configuration keyed by attribute or Korean field name (기관명, 발신명의, …)."""
        known = {f.name for f in fields(cls)}
        values: dict[str, str] = {}
        for key, value in data.items():
            name = KOREAN_KEYS.get(str(key).replace(" ", ""), str(key))
            if name in known and value is not None and str(value).strip():
                values[name] = str(value).strip()
        return cls(**values)  # type: ignore[arg-type]


# DepartmentSettings attribute -> DepartmentInfo field.
_SETTINGS_KEYS: dict[str, str] = {
    "organization": "agency", "agency": "agency", "sender": "sender", "name": "department", "department": "department",
    "doc_number_prefix": "doc_number_prefix", "postal_code": "postcode", "postcode": "postcode", "address": "address",
    "phone": "phone", "fax": "fax", "email": "email", "homepage": "homepage", "disclosure": "disclosure",
    "contact": "contact",
}

KOREAN_KEYS: dict[str, str] = {
    "기관명": "agency", "행정기관명": "agency", "발신명의": "sender", "부서명": "department", "처리과": "department",
    "시행번호접두": "doc_number_prefix", "처리과명": "doc_number_prefix", "우편번호": "postcode", "주소": "address",
    "도로명주소": "address", "전화": "phone", "전송": "fax", "팩스": "fax", "이메일": "email", "전자우편": "email",
    "홈페이지": "homepage", "공개구분": "disclosure", "담당자": "contact",
}
