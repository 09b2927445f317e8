"""A fake of the DeepL API v2: text translation, glossaries and document translation.

Routes: ``POST /v2/translate`` (every translation carries ``billed_characters``, which
deepl 1.32 needs), ``/v2/glossaries`` (create, list, get, entries, delete),
``POST /v2/document`` (multipart upload) → ``POST /v2/document/{id}`` (status, polled)
→ ``POST /v2/document/{id}/result`` (download, once), ``GET /v2/usage``.

"Translation" is deterministic so tests can assert on it: glossary terms are replaced
by their target terms and the text is prefixed with ``[TARGET] ``. Documents that are
ZIP containers (DOCX/PPTX) come back as the same container with the glossary applied
to every XML member; other files come back with a marker appended.
Point the SDK at ``fake.url`` (``server_url``).
"""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.base import Fail, FakeServer, Raw, serve_forever

FORMALITY_TARGETS = {"DE", "FR", "IT", "ES", "NL", "PL", "PT-BR", "PT-PT", "JA", "RU"}


@dataclass
class Glossary:
    glossary_id: str
    name: str
    source_lang: str
    target_lang: str
    entries: dict[str, str]
    creation_time: str = "2026-11-25T09:00:00.000000+00:00"

    def info(self) -> dict[str, Any]:
        return {
            "glossary_id": self.glossary_id,
            "name": self.name,
            "ready": True,
            "source_lang": self.source_lang.lower(),
            "target_lang": self.target_lang.lower(),
            "creation_time": self.creation_time,
            "entry_count": len(self.entries),
        }


@dataclass
class Document:
    key: str
    filename: str
    data: bytes = field(repr=False)
    target_lang: str
    glossary: Glossary | None
    polls_left: int
    billed: int
    error: str | None = None
    downloaded: bool = False


def base_lang(code: str) -> str:
    return code.upper().split("-")[0]


def apply_glossary(text: str, glossary: Glossary | None) -> str:
    if glossary is None:
        return text
    for source in sorted(glossary.entries, key=len, reverse=True):
        text = text.replace(source, glossary.entries[source])
    return text


def parse_tsv(entries: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in entries.splitlines():
        if line.strip():
            source, target = line.split("\t", 1)
            out[source] = target
    return out


class DeepLFake(FakeServer):
    name = "deepl-fake"

    def __init__(self, *, auth_key: str | None = None, doc_polls_before_done: int = 1, **kw: Any) -> None:
        super().__init__(**kw)
        self.auth_key = auth_key
        self.doc_polls_before_done = doc_polls_before_done
        self.doc_error: str | None = None  # set to make the next documents end in status "error"
        self.glossaries: dict[str, Glossary] = {}
        self.documents: dict[str, Document] = {}
        self.billed_total = 0
        self._ids = itertools.count(1)

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/v2/translate", self._translate)
        app.router.add_post("/v2/glossaries", self._glossary_create)
        app.router.add_get("/v2/glossaries", self._glossary_list)
        app.router.add_get("/v2/glossaries/{gid}", self._glossary_get)
        app.router.add_get("/v2/glossaries/{gid}/entries", self._glossary_entries)
        app.router.add_delete("/v2/glossaries/{gid}", self._glossary_delete)
        app.router.add_post("/v2/document", self._doc_upload)
        app.router.add_post("/v2/document/{doc_id}", self._doc_status)
        app.router.add_post("/v2/document/{doc_id}/result", self._doc_result)
        app.router.add_get("/v2/usage", self._usage)

    # -- common ----------------------------------------------------------------

    async def _begin(self, request: web.Request) -> tuple[dict[str, Any], web.StreamResponse | None]:
        """Record, check the key, play a scripted fault; return the request fields."""
        rec = await self.record(request)
        if self.auth_key is not None and request.headers.get("Authorization") != f"DeepL-Auth-Key {self.auth_key}":
            return {}, web.json_response({"message": "Wrong endpoint or invalid authentication key"}, status=403)
        step = self.next_step(request.path)
        if isinstance(step, (Fail, Raw)):
            message = {429: "Too many requests", 456: "Quota exceeded"}.get(getattr(step, "status", 0), "fake error")
            return {}, await self.answer_literal(step, {"message": message})
        await self.pause(step.delay_s)
        fields: dict[str, Any] = {}
        if isinstance(rec.json, dict):
            fields = rec.json
        elif rec.form is not None:
            fields = rec.form
        return fields, None

    @staticmethod
    def _bad(message: str, status: int = 400) -> web.Response:
        return web.json_response({"message": message}, status=status)

    def _check_request_langs(self, fields: dict[str, Any]) -> tuple[Glossary | None, web.Response | None]:
        target = str(fields.get("target_lang", "")).upper()
        if not target:
            return None, self._bad("Value for 'target_lang' not supported.")
        formality = str(fields.get("formality", "default")).lower()
        if formality in ("more", "less") and target not in FORMALITY_TARGETS:
            return None, self._bad("'formality' is not supported for given 'target_lang'.")
        gid = fields.get("glossary_id")
        if not gid:
            return None, None
        glossary = self.glossaries.get(str(gid))
        if glossary is None:
            return None, self._bad("Glossary not found", status=404)
        source = str(fields.get("source_lang", "")).upper()
        if not source:
            return None, self._bad("Use of a glossary requires the 'source_lang' parameter to be specified")
        if base_lang(source) != glossary.source_lang or base_lang(target) != glossary.target_lang:
            return None, self._bad("Glossary languages do not match the requested languages")
        return glossary, None

    # -- text ------------------------------------------------------------------

    async def _translate(self, request: web.Request) -> web.StreamResponse:
        fields, early = await self._begin(request)
        if early is not None:
            return early
        glossary, bad = self._check_request_langs(fields)
        if bad is not None:
            return bad
        texts = fields.get("text") or []
        if isinstance(texts, str):
            texts = [texts]
        target = str(fields["target_lang"]).upper()
        translations = []
        for text in texts:
            detected = str(fields.get("source_lang") or ("KO" if any("가" <= c <= "힣" for c in text) else "EN"))
            billed = len(text)
            self.billed_total += billed
            translations.append(
                {
                    "detected_source_language": detected.upper(),
                    "text": f"[{target}] {apply_glossary(text, glossary)}",
                    "billed_characters": billed,
                }
            )
        return web.json_response({"translations": translations})

    async def _usage(self, request: web.Request) -> web.StreamResponse:
        _, early = await self._begin(request)
        if early is not None:
            return early
        return web.json_response({"character_count": self.billed_total, "character_limit": 1_000_000})

    # -- glossaries --------------------------------------------------------------

    async def _glossary_create(self, request: web.Request) -> web.StreamResponse:
        fields, early = await self._begin(request)
        if early is not None:
            return early
        if fields.get("entries_format", "tsv") != "tsv":
            return self._bad("Unsupported entries format")
        entries = parse_tsv(str(fields.get("entries", "")))
        if not entries or not fields.get("name"):
            return self._bad("Invalid glossary")
        glossary = Glossary(
            glossary_id=f"gls-{next(self._ids)}",
            name=str(fields["name"]),
            source_lang=base_lang(str(fields.get("source_lang", ""))),
            target_lang=base_lang(str(fields.get("target_lang", ""))),
            entries=entries,
        )
        self.glossaries[glossary.glossary_id] = glossary
        return web.json_response(glossary.info(), status=201)

    async def _glossary_list(self, request: web.Request) -> web.StreamResponse:
        _, early = await self._begin(request)
        if early is not None:
            return early
        return web.json_response({"glossaries": [g.info() for g in self.glossaries.values()]})

    async def _glossary_get(self, request: web.Request) -> web.StreamResponse:
        _, early = await self._begin(request)
        if early is not None:
            return early
        glossary = self.glossaries.get(request.match_info["gid"])
        if glossary is None:
            return self._bad("Glossary not found", status=404)
        return web.json_response(glossary.info())

    async def _glossary_entries(self, request: web.Request) -> web.StreamResponse:
        _, early = await self._begin(request)
        if early is not None:
            return early
        glossary = self.glossaries.get(request.match_info["gid"])
        if glossary is None:
            return self._bad("Glossary not found", status=404)
        tsv = "\n".join(f"{k}\t{v}" for k, v in glossary.entries.items())
        return web.Response(text=tsv, content_type="text/tab-separated-values")

    async def _glossary_delete(self, request: web.Request) -> web.StreamResponse:
        _, early = await self._begin(request)
        if early is not None:
            return early
        if self.glossaries.pop(request.match_info["gid"], None) is None:
            return self._bad("Glossary not found", status=404)
        return web.Response(status=204)

    # -- documents ---------------------------------------------------------------

    async def _doc_upload(self, request: web.Request) -> web.StreamResponse:
        fields, early = await self._begin(request)
        if early is not None:
            return early
        glossary, bad = self._check_request_langs(fields)
        if bad is not None:
            return bad
        upload = fields.get("file")
        if not isinstance(upload, tuple) or not upload[0] or "." not in upload[0]:
            return self._bad("Invalid file data.")
        filename, data = upload
        doc_id = f"DOC{next(self._ids):04d}"
        self.documents[doc_id] = Document(
            key=f"KEY{doc_id}",
            filename=filename,
            data=data,
            target_lang=str(fields["target_lang"]).upper(),
            glossary=glossary,
            polls_left=self.doc_polls_before_done,
            billed=max(1, len(data) // 10),
            error=self.doc_error,
        )
        return web.json_response({"document_id": doc_id, "document_key": f"KEY{doc_id}"})

    def _document(self, request: web.Request, fields: dict[str, Any]) -> tuple[str, Document | None]:
        doc_id = request.match_info["doc_id"]
        doc = self.documents.get(doc_id)
        if doc is None or fields.get("document_key") != doc.key:
            return doc_id, None
        return doc_id, doc

    async def _doc_status(self, request: web.Request) -> web.StreamResponse:
        fields, early = await self._begin(request)
        if early is not None:
            return early
        doc_id, doc = self._document(request, fields)
        if doc is None:
            return self._bad("Document not found", status=404)
        if doc.error is not None:
            return web.json_response({"document_id": doc_id, "status": "error", "error_message": doc.error})
        if doc.polls_left > 0:
            doc.polls_left -= 1
            return web.json_response({"document_id": doc_id, "status": "translating", "seconds_remaining": 1})
        return web.json_response({"document_id": doc_id, "status": "done", "billed_characters": doc.billed})

    async def _doc_result(self, request: web.Request) -> web.StreamResponse:
        fields, early = await self._begin(request)
        if early is not None:
            return early
        _, doc = self._document(request, fields)
        if doc is None or doc.downloaded:
            return self._bad("Document not found", status=404)
        if doc.polls_left > 0 or doc.error is not None:
            return self._bad("Document not ready", status=503)
        doc.downloaded = True
        self.billed_total += doc.billed
        return web.Response(body=translate_file(doc), content_type="application/octet-stream")


def translate_file(doc: Document) -> bytes:
    if zipfile.is_zipfile(io.BytesIO(doc.data)):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(doc.data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                member = src.read(info)
                if info.filename.endswith(".xml"):
                    member = apply_glossary(member.decode("utf-8"), doc.glossary).encode("utf-8")
                dst.writestr(info, member)
        return out.getvalue()
    return doc.data + f"\n%translated-to-{doc.target_lang}\n".encode()


if __name__ == "__main__":
    serve_forever(DeepLFake())
