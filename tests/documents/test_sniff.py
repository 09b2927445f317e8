from __future__ import annotations

import pytest

from documents import sniff
from documents.errors import DocumentError


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"%PDF-1.7\n", "a.hwp", "pdf"),
        (b"PK\x03\x04rest", "a.pdf", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "a.docx", "ole"),
        ("이름,부서\n".encode(), "명단.csv", "csv"),
        ("# 제목\n".encode(), "메모.md", "md"),
        ("그냥 글\n".encode(), "이름없음", "txt"),
    ],
)
def test_container_by_content(data, name, expected):
    assert sniff.container(data, name) == expected


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "a.pdf", "empty"),
        (b"HWP Document File V3.00 \x1a\x01\x02", "옛날.hwp", "hwp3"),
        (b"\x89PNG\r\n\x1a\n", "scan.pdf", "image"),
        (b"just text", "a.docx", "mismatch"),
        (b"\x00\x01binary", "a.bin", "unsupported"),
    ],
)
def test_refusals(data, name, code):
    with pytest.raises(DocumentError) as caught:
        sniff.container(data, name)
    assert caught.value.code == code
    assert caught.value.user_message()
