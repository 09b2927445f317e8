"""Korean messages for the Slack adapter (startup errors, slash command, AI-app threads, reply posts)."""

# Startup: one line each, raised as ConfigError.
SLACK_TOKEN_MISSING = "Slack {what}이(가) 없습니다: 환경 변수 {env}에 값을 넣어 주세요."
SLACK_BOT_TOKEN_NAME = "봇 토큰(xoxb-)"
SLACK_APP_TOKEN_NAME = "앱 수준 토큰(xapp-, Socket Mode용)"
SLACK_SIGNING_SECRET_NAME = "서명 비밀값(Signing Secret, HTTP 모드용)"
SLACK_TOKEN_REJECTED = "Slack({url})이 {what}을(를) 거부했습니다({error}). 환경 변수 {env}의 값을 확인해 주세요."
SLACK_UNREACHABLE = "Slack API({url})에 연결할 수 없습니다: {reason}. slack.api_url과 network.proxy 설정을 확인해 주세요."
SLACK_SOCKET_FAILED = "Slack 소켓 모드 연결을 열 수 없습니다({reason}). 앱 설정에서 Socket Mode가 켜져 있는지 확인해 주세요."
SLACK_HTTP_PORT = "Slack 이벤트 수신 서버를 {host}:{port}에서 열 수 없습니다: {reason}"

# Slash command (ephemeral answers: only the caller sees them).
SLACK_COMMAND_ACK = "요청을 받았습니다. 이 채널의 새 스레드에 답변을 올리겠습니다."
SLACK_COMMAND_NO_CHANNEL = (
    "이 대화방에는 다산이 글을 올릴 수 없습니다. 채널에 다산을 초대하거나(/invite @다산) 다산과의 DM에서 요청해 주세요."
)
# Root message of the thread a slash command's answer goes into. Names the requester only:
# the request text must not be echoed into the channel (personal data, broadcast mentions).
SLACK_COMMAND_ROOT = "<@{user}>님의 요청"

# AI-app (assistant) threads.
SLACK_ASSISTANT_GREETING = "무엇을 도와드릴까요?"
SLACK_SUGGESTED_PROMPTS: list[tuple[str, str]] = [
    ("문서 요약", "요약"),
    ("공문 초안", "초안 보도자료"),
    ("맞춤법·서식 교정", "교정"),
    ("사용법", "도움말"),
]
SLACK_TITLE_MAX = 40  # characters of the first request used as the thread title

# Reply posts.
SLACK_EMPTY_ANSWER = "(답변 내용이 없습니다)"
SLACK_STATUS_FORMAT = "_{text}_"
SLACK_UPLOAD_FAILED = "파일 '{name}'을(를) 올리지 못했습니다. 잠시 후 다시 요청해 주세요."
SLACK_FILE_DOWNLOAD_FAILED = (
    "Slack에서 파일 '{name}'을(를) 받지 못했습니다. 파일이 아직 있는지, 다산 앱에 파일 읽기(files:read) 권한이 있는지 확인해 주세요."
)
# Appended to an earlier thread message that carried files, so the model knows they were there.
SLACK_THREAD_FILES = "(첨부 파일: {names})"

__all__ = [
    "SLACK_TOKEN_MISSING",
    "SLACK_BOT_TOKEN_NAME",
    "SLACK_APP_TOKEN_NAME",
    "SLACK_SIGNING_SECRET_NAME",
    "SLACK_TOKEN_REJECTED",
    "SLACK_UNREACHABLE",
    "SLACK_SOCKET_FAILED",
    "SLACK_HTTP_PORT",
    "SLACK_COMMAND_ACK",
    "SLACK_COMMAND_NO_CHANNEL",
    "SLACK_COMMAND_ROOT",
    "SLACK_ASSISTANT_GREETING",
    "SLACK_SUGGESTED_PROMPTS",
    "SLACK_TITLE_MAX",
    "SLACK_EMPTY_ANSWER",
    "SLACK_STATUS_FORMAT",
    "SLACK_UPLOAD_FAILED",
    "SLACK_FILE_DOWNLOAD_FAILED",
    "SLACK_THREAD_FILES",
]
