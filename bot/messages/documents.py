"""Korean messages for reading documents (extraction, file limits, table profiles)."""

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
    "mismatch": (
        "'{name}'은(는) 이름은 {expected} 파일이지만 내용은 {expected} 형식이 아닙니다. "
        "파일이 손상되었거나 확장자가 잘못 붙었을 수 있으니, 원래 프로그램에서 다시 저장해 올려 주세요."
    ),
    "hwp3": (
        "'{name}'은(는) 예전 한글(HWP 3.0 이하) 형식이라 읽을 수 없습니다. "
        "한/글에서 열어 HWP 또는 HWPX 형식으로 다시 저장해 올려 주세요."
    ),
    "image": (
        "'{name}'은(는) 그림 파일입니다. 그림 속 글자는 읽지 않습니다. "
        "문서 원본(HWP, PDF 등)을 올려 주세요. 지원 형식: {supported}"
    ),
    "odf": (
        "'{name}'은(는) ODF(오픈오피스) 형식이라 읽을 수 없습니다. "
        "DOCX, XLSX, PPTX 또는 PDF로 저장해 다시 올려 주세요."
    ),
    "legacy_office": (
        "'{name}'은(는) 예전 오피스 형식(DOC, XLS, PPT)이라 읽을 수 없습니다. "
        "DOCX, XLSX, PPTX 형식으로 다시 저장해 올려 주세요."
    ),
    "encrypted": (
        "'{name}'은(는) 암호가 걸려 있어 읽을 수 없습니다. "
        "암호를 해제한 뒤 다시 저장해 올려 주세요."
    ),
    "hwp_password": (
        "'{name}'은(는) 암호가 걸린 한글 문서라 읽을 수 없습니다. "
        "한/글에서 암호를 해제하고 다시 저장해 올려 주세요."
    ),
    "hwp_distribution": (
        "'{name}'은(는) 배포용 한글 문서라 내용이 잠겨 있어 읽을 수 없습니다. "
        "배포용이 아닌 원본 파일을 받아 올려 주세요."
    ),
    "archive_limits": (
        "'{name}'은(는) 압축을 풀면 지나치게 크거나 구조가 비정상이라 안전을 위해 읽지 않았습니다. "
        "원래 프로그램에서 다시 저장하거나, 내용을 나누어 올려 주세요."
    ),
    "xml_entities": (
        "'{name}'에 문서 파일에 있어서는 안 되는 XML 정의(DTD)가 들어 있어 안전을 위해 읽지 않았습니다. "
        "원래 프로그램에서 다시 저장해 올려 주세요."
    ),
    "too_many_pages": (
        "'{name}'은(는) {pages}쪽으로, 한 번에 읽을 수 있는 쪽수(최대 {limit}쪽)를 넘습니다. "
        "필요한 부분만 나누어 올려 주세요."
    ),
    "no_text": "'{name}'에서 읽을 수 있는 글자를 찾지 못했습니다. 내용이 있는 파일인지 확인해 주세요.",
    "no_text_layer": (
        "'{name}'은(는) 스캔한 그림으로 된 PDF라 글자를 읽을 수 없습니다(텍스트 층이 없거나 깨져 있습니다). "
        "가능하면 한글(HWP) 원본이나 텍스트가 있는 PDF를 올려 주세요."
    ),
    "timeout": (
        "'{name}'을(를) 읽는 데 시간이 너무 오래 걸려 중단했습니다. "
        "파일을 나누어 올리거나 다른 형식으로 저장해 다시 올려 주세요."
    ),
    "too_complex": (
        "'{name}'은(는) 읽는 데 필요한 메모리나 계산량이 한도를 넘어 중단했습니다. "
        "파일을 나누어 올리거나 원래 프로그램에서 다시 저장해 올려 주세요."
    ),
    "busy": (
        "지금 다른 파일들을 읽느라 바쁩니다. '{name}'은(는) 잠시 후 다시 올려 주세요."
    ),
    "unavailable": "지금은 파일을 읽을 수 없습니다. 잠시 후 다시 시도해 주세요.",
}

SUPPORTED_FORMATS_TEXT = "HWP, HWPX, PDF, DOCX, XLSX, PPTX, CSV, TXT, MD"

# Keyed by Document.notices: said alongside an answer built from that document.
DOCUMENT_NOTICES: dict[str, str] = {
    "ocr": "스캔된 쪽은 글자 인식(OCR)으로 읽었습니다. 일부 글자가 틀릴 수 있습니다.",
    "pages_without_text": "글자를 읽을 수 없는 쪽(스캔 그림 등)은 빼고 읽었습니다.",
    "truncated": "파일이 너무 길어 앞부분만 읽었습니다.",
}

# Progress over a long document, e.g. "12쪽 중 6쪽".
DOCUMENT_PROGRESS = "{total}{unit} 중 {done}{unit}"

# Labels of TableProfile.as_text(), the compact summary of a sheet sent to the model.
PROFILE_LABELS: dict[str, str] = {
    "header": "표 '{name}': {rows}행 × {columns}열",
    "column": "- {name} ({type}): 빈 값 {missing}개",
    "number": "최소 {min}, 최대 {max}, 평균 {mean}, 중앙값 {median}, 합계 {sum}",
    "date": "기간 {first} ~ {last}",
    "category": "고유값 {unique}개, 많은 순: {top}",
    "text": "고유값 {unique}개, 예: {examples}",
    "trend": "추세({date} 기준 {value}): {first_label} {first} → {last_label} {last} ({change})",
    "trend_up": "증가",
    "trend_down": "감소",
    "trend_flat": "변화 없음",
    "sample": "처음 {count}행 예시:",
    "chart_trend": "{value} 추이 ({date} 기준)",
    "chart_category": "{category}별 {value} 합계",
    "chart_count": "{category}별 건수",
    "chart_count_axis": "건수",
}
PROFILE_TYPE_NAMES: dict[str, str] = {"number": "숫자", "date": "날짜", "category": "범주", "text": "글"}
