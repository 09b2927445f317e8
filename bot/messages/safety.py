"""Korean strings for the safety filter: entity labels, scan CLI errors, refusals."""

# Placeholder and message labels per entity type (<전화번호_1>). No spaces or '_':
# the label is part of a placeholder.
ENTITY_LABELS: dict[str, str] = {
    "KR_RRN": "주민등록번호",
    "KR_FRN": "외국인등록번호",
    "KR_PASSPORT": "여권번호",
    "KR_DRIVER_LICENSE": "운전면허번호",
    "KR_BRN": "사업자등록번호",
    "KR_CRN": "법인등록번호",
    "KR_HEALTH_INSURANCE": "건강보험증번호",
    "KR_BANK_ACCOUNT": "계좌번호",
    "PHONE_NUMBER": "전화번호",
    "EMAIL_ADDRESS": "이메일",
    "CREDIT_CARD": "카드번호",
    "IP_ADDRESS": "IP주소",
    "KR_VEHICLE_PLATE": "차량번호",
    "ADDRESS": "주소",
    "PERSON": "이름",
    "BANNED_WORD": "금칙어",
}
# Label for a type without an entry above (fail closed: still masked, generically).
ENTITY_LABEL_FALLBACK = "개인정보"

# The safety stage (safety/gate.py): messages name types and counts, never values.
ERR_PII_BLOCKED = (
    "요청에 {types}이(가) 들어 있어 외부 AI 서비스로 보낼 수 없습니다. "
    "해당 정보를 지우고 다시 요청하거나, 기관 내부 모델을 --model 옵션으로 선택해 주세요."
)
ERR_BANNED_WORD = "요청에 사용할 수 없는 표현(금칙어)이 들어 있습니다. 표현을 바꾸어 다시 요청해 주세요."
ERR_CLASSIFIED = (
    "'{marks}' 표시가 있는 문서는 외부 AI 서비스로 보낼 수 없습니다. 기관 내부 모델을 --model 옵션으로 선택해 주세요."
)
ERR_FILTER_FAILED = "개인정보 보호 필터가 요청을 확인하지 못해 안전을 위해 처리를 멈췄습니다. 잠시 후 다시 시도해 주세요."
ERR_FILTER_TOO_LARGE = "내용이 너무 커서 개인정보 보호 필터가 확인할 수 없습니다(최대 {limit:,}자). 나누어 요청해 주세요."
NOTE_PII_MASKED = "🔒 개인정보 {count}건 가림"
NOTE_BANNED_REDACTED = "🚫 금칙어 {count}건 가림"

SCAN_ERR_INVALID_UTF8 = "입력이 올바른 UTF-8 텍스트가 아닙니다{where}."
SCAN_ERR_INVALID_JSON = "{line}번째 줄이 올바른 JSON이 아닙니다."
SCAN_ERR_NOT_OBJECT = "{line}번째 줄이 JSON 객체가 아닙니다. 한 줄에 {{\"text\": \"...\"}} 형식으로 입력해 주세요."
SCAN_ERR_MISSING_TEXT = "{line}번째 줄에 문자열 \"text\" 항목이 없습니다."
SCAN_ERR_TOO_LARGE = "입력이 너무 깁니다({size:,}자, 최대 {limit:,}자){where}. 나누어 검사해 주세요."
SCAN_WHERE_LINE = " ({line}번째 줄)"
