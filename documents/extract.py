"""Turn an uploaded file's bytes into a Document, choosing the reader by content.

``extract_document`` is what the bot calls: the file is parsed in a worker process
with memory, CPU and wall-clock limits (documents/pool.py), and the event loop only
awaits. ``extract_sync`` runs the same pipeline in the calling process, for tools,
benchmarks and tests that want no subprocess; never use it on untrusted uploads
inside the bot.
"""

from __future__ import annotations

from documents import sniff
from documents.dispatch import extract_in_process
from documents.errors import DocumentError
from documents.limits import DEFAULT_LIMITS, ExtractLimits
from documents.model import Document

TEXT_KINDS = sniff.TEXT_KINDS


def detect_kind(data: bytes, name: str) -> str | None:
    """The container kind by content ("pdf", "zip", "ole", "txt", "md", "csv"), or None if refused."""
    try:
        return sniff.container(data, name)
    except DocumentError:
        return None


def extract_sync(name: str, data: bytes, max_bytes: int, limits: ExtractLimits | None = None) -> Document:
    return extract_in_process(name, data, max_bytes, limits or DEFAULT_LIMITS)


async def extract_document(
    name: str,
    data: bytes,
    *,
    max_bytes: int,
    limits: ExtractLimits | None = None,
    pool=None,  # type: ignore[no-untyped-def]  # documents.pool.WorkerPool; default: the shared one
) -> Document:
    """Read an upload safely. Raises only DocumentError (its user_message() is Korean)."""
    if not data:
        raise DocumentError("empty", name)
    if len(data) > max_bytes:
        raise DocumentError("too_large", name, limit=f"{max_bytes // 1_000_000}MB")
    from documents.pool import default_pool

    return await (pool or default_pool()).extract(name, data, max_bytes, limits or DEFAULT_LIMITS)
