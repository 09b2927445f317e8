"""Every bound put on reading an uploaded file, in one place the caller can tune."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class ExtractLimits:
    # ZIP containers (HWPX, DOCX, XLSX, PPTX): checked from the headers before any
    # parser opens the file, then verified by streaming every member with a cap.
    zip_max_members: int = 2000
    zip_max_member_bytes: int = 100 * MiB
    zip_max_total_bytes: int = 300 * MiB
    # Ratio applies only to members above zip_ratio_min_bytes: small XML parts
    # legitimately compress 100x and more.
    zip_max_ratio: float = 250.0
    zip_ratio_min_bytes: int = 1 * MiB
    # HWP 5 (OLE) streams are raw deflate; a bomb is caught by inflating with a cap.
    hwp_max_stream_bytes: int = 128 * MiB
    hwp_max_total_bytes: int = 256 * MiB
    # PDF
    pdf_max_pages: int = 500
    pdf_table_pages: int = 30  # pages handed to pdfplumber's (slow) table finder
    # Output caps: the text beyond these is dropped and the document says so.
    max_chars: int = 3_000_000
    max_table_cells: int = 1_000_000
    max_table_rows: int = 200_000
    # OCR of PDF pages without a usable text layer (Tesseract, when installed).
    ocr_enabled: bool = True
    ocr_binary: str = "tesseract"
    ocr_language: str = "kor"
    ocr_dpi: int = 200
    ocr_max_pages: int = 20
    ocr_page_timeout_s: float = 30.0
    ocr_total_timeout_s: float = 60.0
    # The worker process: a bomb that slips past the checks above meets these.
    memory_bytes: int = 1536 * MiB  # RLIMIT_AS of the worker
    cpu_seconds: int = 90  # RLIMIT_CPU budget per job
    timeout_s: float = 120.0  # wall clock per job, enforced by the parent
    # The longest an upload waits for a free worker before the user hears "busy".
    queue_wait_s: float = 20.0
    # The worker's reply; 0 means derived from the output caps (see reply_limit).
    max_reply_bytes: int = 0

    def reply_limit(self) -> int:
        """Bytes a reply may take: the text (at most 3 UTF-8 bytes a character) once
        as sections and once more as table cells, plus JSON per cell, plus slack."""
        if self.max_reply_bytes > 0:
            return self.max_reply_bytes
        return 8 * self.max_chars + 8 * self.max_table_cells + 4 * MiB

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> ExtractLimits:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known)  # type: ignore[arg-type]


DEFAULT_LIMITS = ExtractLimits()
