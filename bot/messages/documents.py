"""Korean messages for reading documents (extraction, file limits)."""

# Keyed by DocumentError.code; a message says what was wrong and what the user can do.
DOCUMENT_ERRORS: dict[str, str] = {
    "empty": "파일 '{name}'이(가) 비어 있습니다. 내용이 있는 파일을 다시 올려 주세요.",
    "too_large": "파일 '{name}'이(가) 너무 큽니다(최대 {limit}). 파일을 나누어 올려 주세요.",
    "unsupported": (
        "'{name}'은(는) 지원하지 않는 파일 형식입니다. "
        "지원 형식: {supported}"
    ),
    "encoding": (
        "파일 '{name}'의 글자 인코딩을 알 수 없습니다. UTF-8 또는 EUC-KR(CP949)로 저장해 다시 올려 주세요."
    ),
    "broken": "파일 '{name}'을(를) 읽을 수 없습니다. 파일이 손상되었을 수 있으니 원본을 다시 저장해 올려 주세요.",
}

SUPPORTED_FORMATS_TEXT = "TXT, MD, CSV"
