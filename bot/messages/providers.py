"""Korean messages for model provider failures and model status (``dasan config check``)."""

__all__ = [
    "PROVIDER_ERRORS",
    "MODEL_READY",
    "MODEL_READY_OFFLINE",
    "MODEL_KEY_MISSING",
    "MODEL_BASE_URL_MISSING",
    "MODEL_BASE_URL_INVALID",
    "MODEL_PROXY_INVALID",
    "MODEL_CA_BUNDLE_MISSING",
    "MODEL_TASK_UNSUPPORTED",
    "MODEL_OPTION_INVALID",
    "MODEL_PROVIDER_UNKNOWN",
    "OPTION_NOT_TABLE",
    "OPTION_NOT_NON_NEGATIVE",
    "OPTION_MAX_TOKENS_PARAM",
    "OPTION_GLOSSARY_PAIR",
    "OPTION_GLOSSARY_EMPTY",
    "OPTION_GLOSSARY_TERM",
    "OPTION_FORMALITY",
    "PROMPT_EARLIER_CONVERSATION",
]

# One message per ProviderError kind; {service} is the service's display name
# ("OpenAI", "Claude", "DeepL" …). Each says what failed and what the user can do.
PROVIDER_ERRORS: dict[str, str] = {
    "unavailable": (
        "{service} 서비스에 연결할 수 없습니다. 잠시 후 다시 시도하거나 --model 옵션으로 다른 모델을 선택해 주세요."
    ),
    "timeout": (
        "{service} 서비스의 응답이 제한 시간 안에 오지 않았습니다. "
        "내용을 줄여 다시 시도하거나 --model 옵션으로 다른 모델을 선택해 주세요."
    ),
    "rate_limited": (
        "{service} 서비스에 요청이 몰려 잠시 이용이 제한되었습니다. 1~2분 뒤 다시 시도하거나 "
        "--model 옵션으로 다른 모델을 선택해 주세요."
    ),
    "auth": (
        "{service} 서비스 인증에 실패했습니다(API 키 문제). 관리자에게 API 키 설정을 확인해 달라고 요청해 주세요. "
        "그동안 --model 옵션으로 다른 모델을 쓸 수 있습니다."
    ),
    "quota": (
        "{service} 서비스의 사용 한도가 모두 소진되었습니다. 관리자에게 문의하거나 "
        "--model 옵션으로 다른 모델을 선택해 주세요."
    ),
    "bad_request": (
        "{service} 서비스가 이 요청을 처리하지 않았습니다. 입력이 너무 길거나 지원하지 않는 형식·내용일 수 있습니다. "
        "내용을 줄이거나 나누어 다시 시도해 주세요."
    ),
    "unsupported": "{service} 모델은 이 작업을 지원하지 않습니다. --model 옵션으로 다른 모델을 선택해 주세요.",
    "cut": (
        "{service} 서비스의 응답이 중간에 끊겼습니다. 위 내용은 끊기기 전까지 받은 일부입니다. 다시 시도해 주세요."
    ),
    "bad_response": (
        "{service} 서비스에서 해석할 수 없는 응답이 왔습니다. 잠시 후 다시 시도하고, 계속되면 관리자에게 알려 주세요."
    ),
    "misconfigured": (
        "{service} 모델 설정에 문제가 있어 사용할 수 없습니다. 관리자에게 알려 주시고, "
        "그동안 --model 옵션으로 다른 모델을 선택해 주세요."
    ),
}

# ModelStatus reasons, shown by `dasan config check` to the operator.
MODEL_READY = "사용 가능"
MODEL_READY_OFFLINE = "사용 가능 (오프라인, 외부 연결 없음)"
MODEL_KEY_MISSING = "환경 변수 {env} 값이 없습니다 (API 키를 이 환경 변수에 넣어 주세요)"
MODEL_BASE_URL_MISSING = "base_url을 지정해야 합니다 (예: http://llm.내부망:8000/v1)"
MODEL_BASE_URL_INVALID = "base_url '{url}'은(는) 올바른 http(s) 주소가 아닙니다"
MODEL_PROXY_INVALID = "network.proxy '{url}'은(는) 올바른 http(s) 프록시 주소가 아닙니다"
MODEL_CA_BUNDLE_MISSING = "network.ca_bundle 파일 '{path}'을(를) 읽을 수 없습니다"
MODEL_TASK_UNSUPPORTED = "{provider} 제공자는 '{task}' 작업을 할 수 없습니다 (tasks에서 빼 주세요)"
MODEL_OPTION_INVALID = "options.{key}: {problem}"
MODEL_PROVIDER_UNKNOWN = "알 수 없는 제공자 '{provider}'"

# Problems with ``options`` values (MODEL_OPTION_INVALID's {problem}).
OPTION_NOT_TABLE = "표(키 = 값 묶음)여야 합니다"
OPTION_NOT_NON_NEGATIVE = "0 이상의 숫자여야 합니다"
OPTION_MAX_TOKENS_PARAM = "max_tokens 또는 max_completion_tokens 중 하나여야 합니다"
OPTION_GLOSSARY_PAIR = "'{pair}'은(는) '원문언어-번역언어' 형식이어야 합니다 (예: ko-en)"
OPTION_GLOSSARY_EMPTY = "'{pair}' 용어집이 비어 있거나 표가 아닙니다"
OPTION_GLOSSARY_TERM = "'{pair}' 용어집의 용어에 쓸 수 없는 문자(탭, 줄바꿈 등)가 있거나 빈 용어가 있습니다"
OPTION_FORMALITY = "'{value}' 대신 more, less, default 중 하나를 쓰세요"

# Model-facing: opens a Claude conversation whose first kept turn is the assistant's
# (the Messages API requires a user turn first).
PROMPT_EARLIER_CONVERSATION = "(이전 대화)"
