"""Korean messages for the core pipeline, commands, console and CLI."""

THINKING = "생각 중…"
READING_FILES = "파일을 읽는 중…"
READING_THREAD = "스레드 내용을 확인하는 중…"
OFFLINE_LABEL = "오프라인 모드 (언어 모델 미연결)"
MODEL_FOOTER = "🤖 {label}"
CUT_NOTICE = "⚠️ 응답이 중간에 끊겼습니다. 위 내용은 끊기기 전까지 받은 부분입니다."

ERR_EMPTY = "메시지가 비어 있습니다. 요청할 내용을 입력해 주세요. 사용법은 '도움말'을 입력하면 볼 수 있습니다."
ERR_INTERNAL = "요청을 처리하는 중 문제가 생겼습니다. 잠시 후 다시 시도해 주세요. 문제가 계속되면 관리자에게 알려 주세요."
ERR_TIMEOUT = "요청 처리 시간이 너무 오래 걸려 중단했습니다. 내용을 줄이거나 잠시 후 다시 시도해 주세요."
ERR_ACCESS = "이 채널에서는 다산을 사용할 수 없습니다. 허용된 채널이나 개인 메시지(DM)에서 이용해 주세요."
ERR_ACCESS_DM = "개인 메시지(DM)에서는 다산을 사용할 수 없도록 설정되어 있습니다. 허용된 채널에서 이용해 주세요."
ERR_RATE = "요청이 너무 잦습니다. 1분에 {limit}건까지 요청할 수 있습니다. 잠시 후 다시 시도해 주세요."
ERR_QUOTA_USER = "오늘 사용할 수 있는 양(토큰 {limit:,}개)을 모두 사용했습니다. 내일 다시 이용해 주세요."
ERR_QUOTA_DEPT = "부서의 오늘 사용 한도를 모두 사용했습니다. 내일 다시 이용하거나 관리자에게 문의해 주세요."
ERR_UNKNOWN_OPTION = "알 수 없는 옵션입니다: --{name}. 사용법은 '도움말'을 입력하면 볼 수 있습니다."
ERR_MISSING_VALUE = "옵션 '{name}'에 값이 없습니다. 예: --model 이름 또는 모델=이름"
ERR_UNKNOWN_MODEL = "'{name}' 모델은 등록되어 있지 않습니다. 사용할 수 있는 모델: {models}"
ERR_MODEL_TASK = "'{model}' 모델은 '{command}' 작업에 쓸 수 없습니다. 이 작업에 쓸 수 있는 모델: {models}"
ERR_MODEL_DISABLED = "'{model}' 모델은 지금 사용할 수 없습니다(관리자 설정 필요). 다른 모델을 --model 옵션으로 선택해 주세요."
ERR_TOO_MANY_FILES = "파일은 한 번에 {limit}개까지 올릴 수 있습니다. 나누어 요청해 주세요."
ERR_FILE_TOO_LARGE = "파일 '{name}'이(가) 너무 큽니다(최대 {limit}MB). 파일을 나누어 올려 주세요."
ERR_FILE_FETCH = "파일 '{name}'을(를) 내려받지 못했습니다. 파일을 다시 올려 주세요."
ERR_INPUT_TOO_LONG = "입력 내용이 너무 깁니다(최대 {limit:,}자). 내용을 나누어 요청해 주세요."
ERR_NEEDS_INPUT = "{command}할 내용이 없습니다. {hint}"
HINT_SUMMARIZE = "파일을 첨부하거나, 요약할 글을 함께 보내거나, 스레드 안에서 요청해 주세요."
HINT_ASK = "질문을 함께 입력해 주세요. 예: 질문 이 문서의 사업 예산은 얼마인가요?"
HINT_TEXT = "명령 뒤에 내용을 입력해 주세요. 예: {example}"
ERR_OFFLINE_UNSUPPORTED = (
    "오프라인 모드에서는 '{command}' 기능을 쓸 수 없습니다. 관리자가 {need} 모델을 설정하면 사용할 수 있습니다."
)
OFFLINE_NEED = {
    "번역": "번역(DeepL 등)",
    "검색": "웹 검색(Perplexity 등)",
    "그림": "이미지 생성(OpenAI 등)",
    "대화": "대화형 언어 모델(OpenAI, Claude 또는 기관 내부 서버)",
    "분석": "분석용 언어 모델(Claude 등)",
}
OFFLINE_CHAT = (
    "지금은 언어 모델이 연결되지 않은 오프라인 모드라 자유 대화는 할 수 없습니다.\n"
    "오프라인에서도 쓸 수 있는 기능: 요약(파일·글·스레드), 질문(첨부 파일 내용에서 찾기), 초안(공문서 서식), 교정.\n"
    "사용법은 '도움말'을 입력해 보세요."
)

SUMMARY_TITLE = "📄 요약"
SUMMARY_SOURCES = "대상: {sources}"
SUMMARY_OF_THREAD = "이 스레드"
SUMMARY_OF_TEXT = "입력한 글"
ANSWER_TITLE = "💬 답변"
ANSWER_NO_MATCH = "첨부한 내용에서 질문과 관련된 부분을 찾지 못했습니다. 질문을 바꾸어 다시 물어봐 주세요."
ANSWER_QUOTES = "근거로 찾은 부분:"
ANSWER_NO_SOURCE = "질문할 대상이 없습니다. 파일을 첨부하거나 스레드 안에서 질문해 주세요."

MODELS_TITLE = "사용할 수 있는 모델"
MODELS_LINE = "• {name}{label} — {tasks}{external}{default}"
MODELS_EXTERNAL = " · 외부 서비스(개인정보 가림 후 전송)"
MODELS_INTERNAL = " · 기관 내부"
MODELS_DEFAULT = " · 기본: {tasks}"
TASK_NAMES = {
    "chat": "대화", "summarize": "요약", "ask": "질문", "draft": "초안", "translate": "번역",
    "search": "검색", "image": "그림", "analyze": "분석", "proofread": "교정",
}

# The manual is rendered from the command table; these are the words for each entry.
COMMAND_HELP = {
    "요약": ("요약 [짧게|자세히]", "첨부 파일, 입력한 글, 또는 스레드를 요약합니다."),
    "질문": ("질문 <질문 내용>", "첨부 파일이나 스레드 내용에서 답을 찾아 근거와 함께 알려 줍니다."),
    "초안": ("초안 <유형> <요청>", "보도자료·기안문·결과보고·회의록·민원 답변 등 공문서 초안을 서식에 맞게 씁니다."),
    "번역": ("번역 [--to 언어] <글>", "글이나 첨부 문서를 번역합니다(기본: 한국어↔영어)."),
    "검색": ("검색 <검색어>", "웹을 검색해 출처와 함께 답합니다."),
    "그림": ("그림 <설명>", "설명에 맞는 이미지를 만듭니다."),
    "분석": ("분석 [요청]", "첨부한 표(CSV·XLSX)를 분석해 설명합니다."),
    "교정": ("교정 <글>", "공문서 작성 규칙(날짜·항목 기호·붙임·끝. 등)에 맞는지 검사하고 고칩니다."),
    "모델": ("모델", "사용할 수 있는 AI 모델 목록을 보여 줍니다."),
    "도움말": ("도움말", "이 사용 안내를 보여 줍니다."),
}
HELP_TITLE = "📘 다산 사용 안내"
HELP_INTRO = "명령어를 메시지 맨 앞에 쓰거나(예: 요약), 자연스럽게 요청해도 됩니다(예: 이 파일 요약해줘). 명령어 없이 쓰면 대화로 답합니다."
HELP_ALIASES = "영문: {aliases}"
HELP_OPTIONS = (
    "옵션: --model 이름 (또는 모델=이름)으로 모델을 고를 수 있습니다. '모델'을 입력하면 목록을 볼 수 있습니다.\n"
    "개인정보(주민등록번호, 전화번호 등)는 자동으로 가리거나 차단하며, 대화 내용은 저장하지 않습니다."
)

# Console adapter
CONSOLE_BANNER = (
    "다산 콘솔 — 메시지를 입력하세요. '/file 경로'로 파일 첨부, '/thread'로 새 스레드, '/quit'로 종료.\n"
    "'도움말'을 입력하면 사용법을 볼 수 있습니다."
)
CONSOLE_PROMPT = "나> "
CONSOLE_BOT = "다산> "
CONSOLE_ATTACHED = "📎 첨부됨: {name} ({size:,}바이트). 다음 메시지와 함께 보냅니다."
CONSOLE_NO_FILE = "파일을 찾을 수 없습니다: {path}"
CONSOLE_FILE_UNREADABLE = "파일을 읽을 수 없습니다: {path}"
CONSOLE_NEW_THREAD = "새 스레드를 시작합니다."
CONSOLE_BYE = "다산을 종료합니다."
CONSOLE_UNKNOWN = "알 수 없는 콘솔 명령입니다: {cmd}. 사용 가능: /file 경로, /thread, /quit"
CONSOLE_ERROR_PREFIX = "⚠️ "
CONSOLE_ATTACHED_OUT = "📎 파일: {name} ({size:,}바이트, {mime})"

# CLI
CLI_ASK_NO_INPUT = "요청 내용이 없습니다. 예: dasan ask \"요약\" --file 보고서.txt"
CLI_CONFIG_OK = "설정 확인 완료: {path}"
CLI_CONFIG_DEFAULTS = "설정 파일 없음 — 내장 기본값(오프라인 모드)을 사용합니다."
CLI_MODEL_STATUS = "  {name}: {state}{reason}"
CLI_MODEL_STATES = {"ready": "사용 가능", "disabled": "사용 중지", "misconfigured": "설정 오류"}
CLI_INTERRUPTED = "중단했습니다."
CLI_OUTPUT_SAVED = "파일을 저장했습니다: {path}"

SAFETY_NOTE_SEPARATOR = " · "

IMAGE_DONE = "🖼️ 요청하신 이미지를 만들었습니다."
IMAGE_TITLE = "다산이 만든 이미지"
HINT_ANALYZE = "분석할 표 파일(CSV, XLSX)을 첨부해 주세요."
CHART_TITLE = "'{name}' 차트"
PROOFREAD_CLEAN = "✅ 공문서 작성 규칙에 어긋나는 부분을 찾지 못했습니다."
PROOFREAD_TITLE = "📝 교정 결과: 오류 {errors}건, 권고 {warnings}건"
PROOFREAD_FIXED = "자동으로 고칠 수 있는 {count}건을 고친 글:"
DRAFT_FIXED = "✏️ 서식 규칙에 맞게 {count}곳을 고쳤습니다."
DRAFT_FILE_TITLE = "{doc_type} 초안"
ERR_DRAFT_TYPE = "초안 유형을 알 수 없습니다. 사용할 수 있는 유형: {types}. 예: 초안 보도자료 ○○축제 개최 안내"
ERR_DRAFT_PARSE = "모델이 초안을 서식에 맞는 형태로 돌려주지 않았습니다. 다시 시도하거나 다른 모델을 골라 주세요."
ERR_PROVIDER = "{service} 서비스를 이용하지 못했습니다. 잠시 후 다시 시도하거나 --model 옵션으로 다른 모델을 골라 주세요."

PROGRESS_SUMMARY = "{progress} 요약 중…"
TRANSLATING_FILE = "'{name}' 번역 중…"
TRANSLATED_FILE = "🌐 '{name}'을(를) 번역했습니다: {out}"
CLI_ADAPTER_STATUS = "메신저: {adapter}"
CLI_ADAPTER_SECRET_MISSING = "  환경 변수 {env}이(가) 설정되지 않았습니다 — 메신저에 연결할 수 없습니다."
ERR_EMPTY_ANSWER = "답변을 만들지 못했습니다. 요청을 조금 바꾸어 다시 시도하거나 --model 옵션으로 다른 모델을 골라 주세요."
ERR_SAVE_DIR = "파일을 저장할 폴더가 없습니다: {path}"
ERR_PROOFREAD_TYPE = "문서 유형을 알 수 없습니다. 사용할 수 있는 유형: {types}. 예: 교정 --type 기안문 (본문)"
OFFLINE_THREAD_ANSWER = "오프라인 모드라 대화 대신, 이 스레드에서 질문과 관련된 부분을 찾아 드립니다:"
