from __future__ import annotations

import bpe_openai

from documents.chunking import chunk_document, progress_text
from documents.model import Document, Section
from documents.sentences import split_sentences

ENCODING = bpe_openai.get_encoding("o200k_base")


def count(text: str) -> int:
    return len(ENCODING.encode(text))


def _doc(pages: list[str]) -> Document:
    return Document("보고서.pdf", "pdf", tuple(Section(t, f"{i + 1}쪽") for i, t in enumerate(pages)), unit="쪽")


PARAGRAPH = "□ 과기정통부는 2025. 3. 7.(금) 누리호 발사 계획을 발표했다. 한국형발사체는 1.5톤급 위성을 쏘아 올린다. 발사는 오전 10시로 예정되어 있다."


def test_chunks_fit_cover_everything_and_know_their_pages():
    pages = [f"{n}쪽 시작. " + PARAGRAPH * (n % 4 + 1) for n in range(1, 13)]
    doc = _doc(pages)
    chunks = chunk_document(doc, 200, count)
    assert all(c.tokens <= 200 and count(c.text) == c.tokens for c in chunks)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    # Every sentence of every page is in some chunk, in order.
    joined = "\n".join(c.text for c in chunks)
    for page in pages:
        for sentence in split_sentences(page):
            assert sentence in joined
    # Labels are the pages each chunk covers, and a chunk's text carries their markers.
    for chunk in chunks:
        assert list(chunk.labels) == [doc.sections[i].label for i in range(chunk.first_section, chunk.last_section + 1)]
        assert chunk.text.startswith(f"[{chunk.labels[0]}]")
    assert chunks[-1].last_section == 11
    assert progress_text(doc, chunks[-1]) == "12쪽 중 12쪽"
    middle = next(c for c in chunks if c.last_section == 5)
    assert progress_text(doc, middle) == "12쪽 중 6쪽"


def test_small_pages_are_packed_together():
    doc = _doc(["짧은 첫 쪽.", "짧은 둘째 쪽.", "짧은 셋째 쪽."])
    chunks = chunk_document(doc, 500, count)
    assert len(chunks) == 1
    assert chunks[0].labels == ("1쪽", "2쪽", "3쪽") and chunks[0].label == "1쪽~3쪽"
    assert chunks[0].text == "[1쪽]\n짧은 첫 쪽.\n\n[2쪽]\n짧은 둘째 쪽.\n\n[3쪽]\n짧은 셋째 쪽."


def test_a_sentence_longer_than_a_chunk_is_cut_to_fit():
    doc = _doc(["가" * 3000])
    chunks = chunk_document(doc, 100, count)
    assert len(chunks) > 1 and all(c.tokens <= 100 for c in chunks)
    assert "".join(c.text.replace("[1쪽]\n", "") for c in chunks) == "가" * 3000


def test_korean_sentence_rules():
    text = (
        "□ 과기정통부는 2025. 3. 7.(금) 발표했다. 위성은 1.5톤급이다! 정말인가요? 그렇다.\n"
        "  o 4월 27일부터 실시했다.\n"
        "  가. 대상: 주민\n"
        "  나. 기간: 2025. 4. 1.∼4. 30.\n"
    )
    assert split_sentences(text) == [
        "□ 과기정통부는 2025. 3. 7.(금) 발표했다.",
        "위성은 1.5톤급이다!",
        "정말인가요?",
        "그렇다.",
        "o 4월 27일부터 실시했다.",
        "가. 대상: 주민",
        "나. 기간: 2025. 4. 1.∼4. 30.",
    ]
