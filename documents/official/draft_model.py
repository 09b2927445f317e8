"""Structured content of a drafted document: what a model (or the offline skeleton) fills in."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DraftItem:
    text: str
    depth: int = 1  # 1 = top level of its section, up to 8


@dataclass
class DraftSection:
    heading: str | None  # None: items stand directly in the body
    items: list[DraftItem] = field(default_factory=list)


@dataclass
class Attachment:
    name: str
    count: int = 1
    unit: str = "부"


@dataclass
class Attendee:
    affiliation: str = ""  # 소속
    position: str = ""  # 직위
    name: str = ""  # 성명


@dataclass
class DraftDoc:
    doc_type: str  # canonical type (documents.official.doctypes)
    title: str
    fields: dict[str, str] = field(default_factory=dict)  # type-specific: 수신, 부제, 일시, …
    sections: list[DraftSection] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
