"""The parser worker: ``python -m documents.worker``, one job at a time over stdin/stdout.

It runs with a memory ceiling (RLIMIT_AS) and a CPU budget per job (RLIMIT_CPU,
SIGXCPU ends it), so a file that slips past every check kills this process, never
the bot. It writes nothing to disk and logs nothing about the content.

Protocol: the parent sends two frames, a JSON header then the file's bytes; the
worker answers with one JSON frame (see codec.py). First it sends b"ready".
"""

from __future__ import annotations

import gc
import json
import logging
import os
import resource
import sys
import warnings

from documents.codec import encode_document, encode_error
from documents.errors import DocumentError
from documents.frames import ChannelClosed, read_frame, write_frame
from documents.limits import ExtractLimits


def preload() -> None:
    """Import every reader now, so the first job does not pay for it."""
    import defusedxml  # noqa: F401
    import docx  # noqa: F401
    import hwpx  # noqa: F401
    import olefile  # noqa: F401
    import openpyxl  # noqa: F401
    import pptx  # noqa: F401
    import pypdfium2  # noqa: F401

    import pdfplumber  # noqa: F401
    import PIL.Image  # noqa: F401
    import PIL.PngImagePlugin  # noqa: F401

    # Also our own modules: a lazy import under a tight RLIMIT_AS can fail to map.
    import documents.dispatch  # noqa: F401
    import documents.docx_reader  # noqa: F401
    import documents.hwp5_text  # noqa: F401
    import documents.hwp_reader  # noqa: F401
    import documents.olecheck  # noqa: F401
    import documents.pdf_reader  # noqa: F401
    import documents.pptx_reader  # noqa: F401
    import documents.textfile  # noqa: F401
    import documents.xlsx_reader  # noqa: F401
    import documents.zipguard  # noqa: F401


def forbid_core_dumps() -> None:
    """No core file, ever: SIGXCPU and SIGABRT dump core by default, and this
    process's memory holds the upload. Children (Tesseract) inherit the limit."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # A core_pattern that pipes to a helper ignores RLIMIT_CORE; not dumpable stops that too.
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def apply_limits(limits: ExtractLimits) -> None:
    _soft(resource.RLIMIT_AS, limits.memory_bytes)
    # RLIMIT_CPU counts the whole life of the process: budget from what is used now.
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    _soft(resource.RLIMIT_CPU, spent + limits.cpu_seconds)


def _soft(which: int, value: int) -> None:
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, hard))


def handle(header: bytes, data: bytes) -> bytes:
    from documents.dispatch import extract_in_process

    job = json.loads(header)
    limits = ExtractLimits.from_dict(job["limits"])
    apply_limits(limits)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = extract_in_process(job["name"], data, int(job["max_bytes"]), limits)
        return encode_document(doc)
    except DocumentError as exc:
        return encode_error(exc.code, exc.params)
    except (MemoryError, RecursionError):
        return encode_error("too_complex", {}, retire=True)
    except Exception:
        # A parser bug on odd input: report "broken", and start afresh next time.
        return encode_error("broken", {}, retire=True)


def main() -> int:
    forbid_core_dumps()  # before anything, and before reading any job
    logging.disable(logging.CRITICAL)  # third-party parsers must not print content
    fd_in, fd_out = sys.stdin.fileno(), sys.stdout.fileno()
    # Nothing else may write to the protocol pipe.
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    preload()
    write_frame(fd_out, b"ready")
    while True:
        try:
            header = read_frame(fd_in)
            data = read_frame(fd_in)
        except ChannelClosed:
            return 0
        reply = handle(header, data)
        del data
        try:
            write_frame(fd_out, reply)
        except ChannelClosed:
            return 0
        del reply
        gc.collect()  # after replying: the parent is not kept waiting for it


if __name__ == "__main__":
    sys.exit(main())
