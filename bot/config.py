"""Configuration: one TOML file for settings, environment variables for secrets.

Validated once at start. ``load_config`` raises ``ConfigError`` with one line
naming the key and the problem, so a bad deploy stops with a readable reason.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from bot.tasks import Task

DEFAULT_CONFIG_NAME = "dasan.toml"
CONFIG_ENV = "DASAN_CONFIG"

ProviderKind = Literal["offline", "openai", "anthropic", "perplexity", "deepl", "openai_compatible"]
# Cloud APIs send data outside the intranet; these two stay inside unless configured otherwise.
INTERNAL_PROVIDERS = {"offline", "openai_compatible"}
PiiAction = Literal["block", "mask", "allow"]


class Section(BaseModel):
    # A misspelt key is a config error, not a silently ignored setting.
    model_config = ConfigDict(extra="forbid")


class BotSettings(Section):
    name: str = "다산"
    adapter: Literal["console", "slack", "mattermost"] = "console"
    default_model: str = "offline"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Replies stream as the model writes; adapters throttle edits to their platform's limits.
    stream: bool = True


class LimitsSettings(Section):
    max_file_mb: float = Field(20, gt=0, le=500)
    max_files: int = Field(5, ge=1, le=50)
    max_input_chars: int = Field(400_000, ge=1000)
    requests_per_minute: int = Field(20, ge=0)  # per user; 0 disables
    daily_tokens_per_user: int = Field(0, ge=0)  # 0 = unlimited
    daily_cost_per_department: float = Field(0, ge=0)  # in the registry's price unit; 0 = unlimited
    thread_messages: int = Field(50, ge=0)  # how many earlier thread messages are re-read at most
    request_timeout_s: float = Field(300, gt=0)


class AccessSettings(Section):
    workspaces: list[str] = []  # Slack team/enterprise ids or Mattermost team ids; empty = any
    channels: list[str] = []  # channel ids; empty = every channel the bot is in
    public_channels_only: bool = False
    allow_dm: bool = True


class NetworkSettings(Section):
    # Every outbound call goes through this proxy when set (agency gateway).
    proxy: str | None = None
    ca_bundle: str | None = None


class ModelSettings(Section):
    provider: ProviderKind
    model: str = ""  # the provider's model id
    label: str = ""  # display name in 모델 list; defaults to the registry name
    base_url: str | None = None
    api_key_env: str | None = None  # name of the environment variable holding the key
    external: bool | None = None  # data leaves the intranet; default by provider kind
    raw_pii_ok: bool = False  # only for non-external models: send text unmasked
    tasks: list[Task] = []
    price_in_per_1k: float = Field(0.0, ge=0)
    price_out_per_1k: float = Field(0.0, ge=0)
    context_tokens: int = Field(8000, ge=256)
    max_output_tokens: int = Field(2048, ge=16)
    timeout_s: float = Field(60, gt=0)
    max_retries: int = Field(2, ge=0, le=10)
    fallback: str | None = None  # another registry name tried when this one fails
    chars_per_token: float | None = Field(None, gt=0)  # measured ratio for token estimates
    options: dict[str, Any] = {}  # provider-specific extras (formality, glossary, image size …)

    @model_validator(mode="after")
    def _defaults(self) -> ModelSettings:
        if self.external is None:
            self.external = self.provider not in INTERNAL_PROVIDERS
        if self.raw_pii_ok and self.external:
            raise ValueError("raw_pii_ok는 external=false인 모델에만 쓸 수 있습니다")
        if self.provider != "offline" and not self.model and self.provider != "deepl":
            raise ValueError("model(제공자 모델 ID)을 지정해야 합니다")
        return self


class SafetySettings(Section):
    pii_actions: dict[str, PiiAction] = {}  # overrides per entity type, e.g. {PHONE_NUMBER = "block"}
    mask_staff_names: bool = True
    block_classified_for_external: bool = True
    banned_words_file: str | None = None
    max_chars: int = Field(2_000_000, ge=1000)


class DepartmentSettings(Section):
    organization: str = ""  # 기관명
    sender: str = ""  # 발신명의, e.g. "○○구청장"
    name: str = ""  # 부서명
    doc_number_prefix: str = ""  # 시행번호 접두, e.g. "스마트정보과"
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    homepage: str = ""
    disclosure: str = "공개"
    # Messenger user ids of the department's staff (not display names, which users can change): their requests
    # are counted against its quota and drafts carry its 결문.
    members: list[str] = []


class SlackSettings(Section):
    mode: Literal["socket", "http"] = "socket"
    api_url: str = "https://slack.com/api/"  # GovSlack and Enterprise hosts differ
    bot_token_env: str = "SLACK_BOT_TOKEN"
    app_token_env: str = "SLACK_APP_TOKEN"  # Socket Mode only
    signing_secret_env: str = "SLACK_SIGNING_SECRET"  # HTTP mode only
    http_host: str = "0.0.0.0"
    http_port: int = 3000
    slash_command: str = "/dasan"
    # Adapter details (README, Slack): events path in HTTP mode; native chat.startStream
    # streaming ("auto" falls back to chat.update edits where the server lacks it).
    http_path: str = "/slack/events"
    streaming: Literal["auto", "native", "update"] = "auto"
    edit_interval_s: float = Field(1.0, ge=0.2, le=10)
    max_message_chars: int = Field(3900, ge=500, le=39000)
    assistant: bool = True  # AI-app threads: suggested prompts, status, titles
    resolve_user_names: bool = True  # users.info for the requester's display name
    file_hosts: list[str] = []  # extra hosts trusted with the bot token for url_private downloads


class MattermostSettings(Section):
    url: str = "http://localhost:8065"
    token_env: str = "MATTERMOST_TOKEN"
    slash_token_env: str = "MATTERMOST_SLASH_TOKEN"
    teams: list[str] = []
    slash_host: str = "0.0.0.0"
    slash_port: int = 3001
    # Adapter tuning (README, Mattermost); defaults suit a stock Mattermost 11 server.
    post_max_chars: int = Field(16383, ge=100, le=16383)  # longer answers continue in new posts
    edit_interval_s: float = Field(1.0, ge=0.1)  # at most one edit of the streaming post per interval
    request_timeout_s: float = Field(30, gt=0)  # one REST call
    max_retries: int = Field(4, ge=0, le=10)  # for 429 / 5xx / network errors
    reconnect_min_s: float = Field(1.0, gt=0)  # websocket backoff: first wait, doubled up to max
    reconnect_max_s: float = Field(60.0, gt=0)
    catchup_max_age_s: float = Field(3600, ge=0)  # missed posts older than this are not answered


def _default_models() -> dict[str, ModelSettings]:
    # The offline provider runs inside this process: nothing leaves it, so
    # masking would only blur the quotes it shows back to the same person.
    return {"offline": ModelSettings(provider="offline", label="오프라인", tasks=list(Task), raw_pii_ok=True)}


class Settings(BaseSettings):
    """The whole configuration. Environment variables ``DASAN_<SECTION>__<KEY>`` override the file."""

    model_config = SettingsConfigDict(extra="forbid", env_prefix="DASAN_", env_nested_delimiter="__")

    bot: BotSettings = BotSettings()
    limits: LimitsSettings = LimitsSettings()
    access: AccessSettings = AccessSettings()
    network: NetworkSettings = NetworkSettings()
    models: dict[str, ModelSettings] = Field(default_factory=_default_models)
    defaults: dict[Task, str] = {}  # task -> model name; unset tasks use bot.default_model
    safety: SafetySettings = SafetySettings()
    departments: dict[str, DepartmentSettings] = {}
    slack: SlackSettings = SlackSettings()
    mattermost: MattermostSettings = MattermostSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # File values arrive as init kwargs; environment overrides them.
        return (env_settings, init_settings)

    @field_validator("models")
    @classmethod
    def _offline_always_present(cls, models: dict[str, ModelSettings]) -> dict[str, ModelSettings]:
        # The offline model is the floor every deployment can fall back to.
        if "offline" not in models:
            models = {**_default_models(), **models}
        return models

    @model_validator(mode="after")
    def _references(self) -> Settings:
        names = set(self.models)
        if self.bot.default_model not in names:
            raise ValueError(f"bot.default_model: 등록되지 않은 모델 '{self.bot.default_model}'")
        for task, name in self.defaults.items():
            if name not in names:
                raise ValueError(f"defaults.{task}: 등록되지 않은 모델 '{name}'")
        for key, model in self.models.items():
            if model.fallback and model.fallback not in names:
                raise ValueError(f"models.{key}.fallback: 등록되지 않은 모델 '{model.fallback}'")
            if model.fallback == key:
                raise ValueError(f"models.{key}.fallback: 자기 자신을 대체 모델로 지정할 수 없습니다")
        return self


class ConfigError(Exception):
    """A configuration problem, already phrased as one line for the operator."""


def find_config_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    local = Path(DEFAULT_CONFIG_NAME)
    return local if local.exists() else None


def load_config(path: str | os.PathLike[str] | None = None) -> Settings:
    """Load and validate; with no file anywhere, the embedded offline defaults apply."""
    config_path = find_config_path(path)
    data: dict[str, Any] = {}
    if config_path is not None:
        try:
            with open(config_path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"설정 파일을 찾을 수 없습니다: {config_path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"설정 파일 {config_path}의 TOML 문법 오류: {exc}") from None
        except OSError as exc:
            raise ConfigError(f"설정 파일 {config_path}을(를) 읽을 수 없습니다: {exc.strerror}") from None
    try:
        return Settings(**data)
    except ValidationError as exc:
        raise ConfigError(_first_error_line(exc, config_path)) from None


def _first_error_line(exc: ValidationError, path: Path | None) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"] if p != "__root__")
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    where = f" ({path})" if path else ""
    more = f" 외 {exc.error_count() - 1}건" if exc.error_count() > 1 else ""
    key = f"{loc}: " if loc and not msg.startswith(loc) else ""
    return f"설정 오류{where}: {key}{msg}{more}"
