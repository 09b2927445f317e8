"""Documents and errors as JSON, for the pipe between the bot and its parser worker.

JSON rather than pickle on purpose: the worker handles hostile files, and unpickling
what a compromised worker sends would run its code in the bot. JSON is only data.
"""

from __future__ import annotations

import json
from typing import Any

from documents.errors import DocumentError
from documents.model import Document, Section, Table


def encode_document(doc: Document) -> bytes:
    return _dump({
        "document": {
            # No name: the parent keeps the one the user gave (and it may not even be
            # valid UTF-8, e.g. a lone surrogate from a mis-decoded file name).
            "kind": doc.kind,
            "unit": doc.unit,
            "sections": [[s.text, s.label] for s in doc.sections],
            "tables": [{"name": t.name, "rows": [list(r) for r in t.rows], "has_header": t.has_header}
                       for t in doc.tables],
            "notices": list(doc.notices),
        }
    })


def encode_error(code: str, params: dict[str, object], *, retire: bool = False) -> bytes:
    safe = {k: v for k, v in params.items() if isinstance(v, (str, int, float))}
    return _dump({"error": code, "params": safe, "retire": retire})


def decode_reply(raw: bytes, name: str) -> tuple[Document | None, DocumentError | None, bool]:
    """(document, error, retire) from a worker's reply; malformed replies are errors."""
    try:
        reply = json.loads(raw)
        if "document" in reply:
            return _document(reply["document"], name), None, False
        params = {str(k): v for k, v in dict(reply.get("params") or {}).items()
                  if isinstance(v, (str, int, float))}
        return None, DocumentError(str(reply["error"]), name, **params), bool(reply.get("retire"))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, DocumentError("broken", name), True


def _document(value: dict[str, Any], name: str) -> Document:
    # The name the user gave is authoritative, not whatever the worker echoed.
    return Document(
        name=name,
        kind=str(value["kind"]),
        unit=str(value["unit"]),
        sections=tuple(Section(str(text), str(label)) for text, label in value["sections"]),
        tables=tuple(
            Table(name=str(t["name"]), rows=tuple(tuple(str(c) for c in row) for row in t["rows"]),
                  has_header=bool(t["has_header"]))
            for t in value["tables"]
        ),
        notices=tuple(str(n) for n in value.get("notices", ())),
    )


def _dump(value: object) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate somewhere (a sheet or table named after the file): \u escapes.
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")
