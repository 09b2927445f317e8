"""Korean messages for the Mattermost adapter (startup errors, slash command, reply posts)."""

# Startup: one line each, raised as ConfigError.
MM_TOKEN_MISSING = "Mattermost 봇 토큰이 없습니다: 환경 변수 {env}에 개인 액세스 토큰을 넣어 주세요."
MM_TOKEN_REJECTED = (
    "Mattermost 서버({url})가 봇 토큰을 거부했습니다(HTTP {status}). 환경 변수 {env}의 토큰을 확인해 주세요."
)
MM_UNREACHABLE = "Mattermost 서버({url})에 연결할 수 없습니다: {reason}"
MM_BAD_URL = "mattermost.url 값이 올바르지 않습니다: '{url}' (예: https://chat.example.go.kr)"
MM_URL_PATH = "mattermost.url에는 경로를 붙일 수 없습니다: '{url}' (서버 주소만 적어 주세요)"
MM_UNKNOWN_TEAM = "mattermost.teams의 '{team}' 팀을 찾을 수 없습니다(봇이 그 팀의 구성원인지 확인해 주세요)."
MM_SLASH_PORT = "슬래시 명령 서버를 {host}:{port}에서 열 수 없습니다: {reason}"

# Slash command answers (ephemeral: only the caller sees them).
MM_SLASH_ACK = "요청을 받았습니다. 이 채널의 새 스레드에 답변을 올리겠습니다."
MM_SLASH_BAD_TOKEN = "슬래시 명령 토큰이 맞지 않습니다. 관리자에게 명령 설정을 확인해 달라고 요청해 주세요."
MM_SLASH_EMPTY = "무엇을 도와드릴까요? 예: /dasan 요약 …, /dasan 도움말"
MM_SLASH_CANNOT_POST = "이 채널에 답변을 올릴 수 없습니다. 채널에 다산 봇을 추가한 뒤 다시 시도해 주세요."
# Root post of the thread a slash command's answer goes into. Names the requester only:
# the request text is never echoed into the channel (personal data, @channel and the like).
MM_SLASH_ROOT = "@{user} 님의 요청"
# The same when the requester's name cannot be shown safely as a mention.
MM_SLASH_ROOT_UNNAMED = "다산 요청에 대한 답변"

# Reply posts.
MM_FILES_POST = "첨부 파일"
MM_UPLOAD_FAILED = "파일 '{name}'을(를) 첨부하지 못했습니다. 잠시 후 다시 요청해 주세요."
MM_FILE_UNREADABLE = "첨부 파일 정보를 Mattermost에서 읽지 못했습니다. 파일을 다시 올린 뒤 요청해 주세요."

__all__ = [
    "MM_TOKEN_MISSING",
    "MM_TOKEN_REJECTED",
    "MM_UNREACHABLE",
    "MM_BAD_URL",
    "MM_URL_PATH",
    "MM_UNKNOWN_TEAM",
    "MM_SLASH_PORT",
    "MM_SLASH_ACK",
    "MM_SLASH_BAD_TOKEN",
    "MM_SLASH_EMPTY",
    "MM_SLASH_CANNOT_POST",
    "MM_SLASH_ROOT",
    "MM_SLASH_ROOT_UNNAMED",
    "MM_FILES_POST",
    "MM_UPLOAD_FAILED",
    "MM_FILE_UNREADABLE",
]
