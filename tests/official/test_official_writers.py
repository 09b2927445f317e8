"""HWPX and DOCX output: re-open with their libraries, validate, and hold the expected lines."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from documents.official import DOC_TYPES, DepartmentInfo, offline_draft, render_text, to_docx, to_hwpx
from documents.official.draft_model import Attendee

TODAY = dt.date(2025, 7, 31)
DEPT = DepartmentInfo(agency="다산구", sender="다산구청장", department="스마트정보과", doc_number_prefix="스마트정보과")


def _expected(draft) -> list[str]:
    return [line.strip() for line in render_text(draft, DEPT, TODAY).split("\n") if line.strip()]


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_hwpx_reopens_validates_and_holds_the_text(doc_type: str) -> None:
    from hwpx import HwpxDocument
    from hwpx.tools.package_validator import validate_package

    draft = offline_draft(doc_type, "하반기 스마트 행정 교육")
    data = to_hwpx(draft, DEPT, TODAY)
    assert data[:2] == b"PK"
    assert validate_package(data).ok
    doc = HwpxDocument.open(data)
    assert doc.validate().ok
    paragraphs = [p.text for p in doc.paragraphs]
    assert [p.strip() for p in paragraphs if p.strip()] == _expected(draft)
    # Item lines keep their symbols and 2-space indentation.
    assert any(p.startswith("  가. ") or p.startswith("  ○ ") for p in paragraphs) or doc_type == "인사말씀"
    section = zipfile.ZipFile(io.BytesIO(data)).read("Contents/section0.xml").decode("utf-8")
    assert 'width="59528"' in section and 'height="84189"' in section  # A4 in HWPUNIT (1/7200 in)


def test_hwpx_minutes_has_attendee_table() -> None:
    from hwpx import HwpxDocument

    draft = offline_draft("회의록", "정책 조정 회의")
    draft.attendees = [Attendee("기획예산과", "과장", "김○○"), Attendee("스마트정보과", "주무관", "홍길동")]
    doc = HwpxDocument.open(to_hwpx(draft, DEPT, TODAY))
    tables = doc.tables.all
    assert len(tables) == 1
    table = tables[0]
    assert (table.row_count, table.column_count) == (3, 3)
    assert [table.cell(0, c).text for c in range(3)] == ["소속", "직위", "성명"]
    assert table.cell(2, 2).text == "홍길동"


def test_hwpx_title_is_bold_and_centred() -> None:
    from hwpx import HwpxDocument

    doc = HwpxDocument.open(to_hwpx(offline_draft("계획서", "교육"), DEPT, TODAY))
    header = zipfile.ZipFile(io.BytesIO(to_hwpx(offline_draft("계획서", "교육"), DEPT, TODAY))).read("Contents/header.xml")
    assert b"<hh:bold" in header
    assert doc.paragraphs[0].text == "교육 추진 계획(안)"


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_docx_reopens_with_the_text(doc_type: str) -> None:
    import docx

    draft = offline_draft(doc_type, "하반기 스마트 행정 교육")
    document = docx.Document(io.BytesIO(to_docx(draft, DEPT, TODAY)))
    paragraphs = [p.text for p in document.paragraphs]
    assert [p.strip() for p in paragraphs if p.strip()] == _expected(draft)
    assert round(document.sections[0].page_width.mm) == 210 and round(document.sections[0].page_height.mm) == 297
    assert len(document.tables) == (1 if doc_type == "회의록" else 0)


def test_writers_use_no_temporary_files(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*_args, **_kwargs):
        raise AssertionError("document content must not touch the disk")

    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    draft = offline_draft("회의록", "정책 회의")
    assert to_hwpx(draft, DEPT, TODAY)[:2] == b"PK"
    assert to_docx(draft, DEPT, TODAY)[:2] == b"PK"
