"""Build a provider from its config entry, and tell whether an entry can work at all.

``check_model`` never touches the network: it checks the entry (base URL, proxy, CA
bundle, tasks, options) and whether the key's environment variable is set. The key
comes only from the environment variable named by ``api_key_env``; when that is unset,
the provider's conventional variable is used (OPENAI_API_KEY, ANTHROPIC_API_KEY,
PERPLEXITY_API_KEY, DEEPL_AUTH_KEY). On-premises ``openai_compatible`` servers need a
key only if ``api_key_env`` is set.

The outbound proxy applies to external models; an internal model (``external = false``,
the default for ``openai_compatible``) is reached directly, because the agency gateway
leads out of the intranet, not into it. ``options.use_proxy`` overrides either way.
"""

from __future__ import annotations

import logging
import os
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import httpx2

from bot.config import ModelSettings, NetworkSettings
from bot.messages.providers import (
    MODEL_BASE_URL_INVALID,
    MODEL_BASE_URL_MISSING,
    MODEL_CA_BUNDLE_MISSING,
    MODEL_KEY_MISSING,
    MODEL_OPTION_INVALID,
    MODEL_PROVIDER_UNKNOWN,
    MODEL_PROXY_INVALID,
    MODEL_READY,
    MODEL_READY_OFFLINE,
    MODEL_TASK_UNSUPPORTED,
    OPTION_MAX_TOKENS_PARAM,
    OPTION_NOT_NON_NEGATIVE,
    OPTION_NOT_TABLE,
)
from bot.providers.base import Provider, ProviderError
from bot.providers.retry import request_timeout
from bot.tasks import Task

DEFAULT_KEY_ENV = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "perplexity": "PERPLEXITY_API_KEY",
    "deepl": "DEEPL_AUTH_KEY",
}
SERVICE_NAMES = {"openai": "OpenAI", "anthropic": "Claude", "perplexity": "Perplexity", "deepl": "DeepL"}
IMAGE_PROVIDERS = {"openai", "openai_compatible"}
# The openai SDK insists on a key; servers without authentication ignore this one.
NO_KEY = "no-key"
# Levels below INFO in these SDK loggers print request and response bodies.
SDK_LOGGERS = ("openai", "anthropic", "deepl", "httpx2", "httpcore2", "httpx", "httpcore")


@dataclass(frozen=True)
class ModelStatus:
    state: Literal["ready", "disabled", "misconfigured"]
    reason: str


def service_name(name: str, model: ModelSettings) -> str:
    return SERVICE_NAMES.get(model.provider) or model.label or name


def key_env(model: ModelSettings) -> str | None:
    return model.api_key_env or DEFAULT_KEY_ENV.get(model.provider)


def uses_proxy(model: ModelSettings) -> bool:
    return bool(model.options.get("use_proxy", model.external))


def _is_http_url(url: str) -> bool:
    if not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _option_problem(model: ModelSettings) -> str | None:
    opts = model.options
    if "extra_body" in opts and not isinstance(opts["extra_body"], Mapping):
        return MODEL_OPTION_INVALID.format(key="extra_body", problem=OPTION_NOT_TABLE)
    for key in ("retry_base_delay_s", "retry_max_delay_s", "retry_max_wait_s"):
        if key in opts and (not isinstance(opts[key], int | float) or opts[key] < 0):
            return MODEL_OPTION_INVALID.format(key=key, problem=OPTION_NOT_NON_NEGATIVE)
    if opts.get("max_tokens_param", "max_tokens") not in ("max_tokens", "max_completion_tokens"):
        return MODEL_OPTION_INVALID.format(key="max_tokens_param", problem=OPTION_MAX_TOKENS_PARAM)
    if model.provider == "deepl":
        from bot.providers.deepl_translate import check_options

        found = check_options(model)
        if found:
            return MODEL_OPTION_INVALID.format(key=found[0], problem=found[1])
    return None


def check_model(
    name: str, model: ModelSettings, network: NetworkSettings, env: Mapping[str, str] = os.environ
) -> ModelStatus:
    provider = model.provider
    if provider == "offline":
        return ModelStatus("ready", MODEL_READY_OFFLINE)
    if provider not in (*SERVICE_NAMES, "openai_compatible"):
        return ModelStatus("misconfigured", MODEL_PROVIDER_UNKNOWN.format(provider=provider))
    if provider == "openai_compatible" and not model.base_url:
        return ModelStatus("misconfigured", MODEL_BASE_URL_MISSING)
    if model.base_url and not _is_http_url(model.base_url):
        return ModelStatus("misconfigured", MODEL_BASE_URL_INVALID.format(url=model.base_url))
    if network.proxy and uses_proxy(model) and not _is_http_url(network.proxy):
        return ModelStatus("misconfigured", MODEL_PROXY_INVALID.format(url=network.proxy))
    if network.ca_bundle and not (os.path.isfile(network.ca_bundle) and os.access(network.ca_bundle, os.R_OK)):
        return ModelStatus("misconfigured", MODEL_CA_BUNDLE_MISSING.format(path=network.ca_bundle))
    for task in model.tasks:
        if (task == Task.IMAGE and provider not in IMAGE_PROVIDERS) or (provider == "deepl" and task != Task.TRANSLATE):
            return ModelStatus("misconfigured", MODEL_TASK_UNSUPPORTED.format(provider=provider, task=task.value))
    problem = _option_problem(model)
    if problem:
        return ModelStatus("misconfigured", problem)
    env_name = key_env(model)
    if env_name and not env.get(env_name, "").strip():
        return ModelStatus("disabled", MODEL_KEY_MISSING.format(env=env_name))
    return ModelStatus("ready", MODEL_READY)


def quiet_sdk_debug_logs() -> None:
    """Keep SDK loggers at INFO or above: their DEBUG records carry prompts and answers."""
    for logger_name in SDK_LOGGERS:
        logger = logging.getLogger(logger_name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)


def http_client(model: ModelSettings, network: NetworkSettings) -> httpx2.AsyncClient:
    """The httpx2 client an openai/anthropic SDK client runs on: proxy, CA bundle, timeouts."""
    verify: ssl.SSLContext | bool = True
    if network.ca_bundle:
        verify = ssl.create_default_context(cafile=network.ca_bundle)
    return httpx2.AsyncClient(
        proxy=network.proxy if uses_proxy(model) else None,
        verify=verify,
        timeout=request_timeout(model),
        limits=httpx2.Limits(max_connections=100, max_keepalive_connections=20),
        follow_redirects=True,
        # The config file is the one place that decides proxies and CAs; stray
        # HTTP(S)_PROXY or SSL_CERT_FILE variables must not reroute model traffic.
        trust_env=False,
    )


def build_provider(
    name: str, model: ModelSettings, network: NetworkSettings, env: Mapping[str, str] = os.environ
) -> Provider:
    """A ready provider, or ProviderError: ``auth`` when the key is missing (disabled),
    ``misconfigured`` when the entry cannot work; ``detail`` carries the Korean reason."""
    service = service_name(name, model)
    status = check_model(name, model, network, env)
    if status.state == "disabled":
        raise ProviderError("auth", service, detail=status.reason)
    if status.state == "misconfigured":
        raise ProviderError("misconfigured", service, detail=status.reason)
    if model.provider == "offline":
        from bot.providers.offline import OfflineProvider

        return OfflineProvider(name, model)  # type: ignore[call-arg]

    quiet_sdk_debug_logs()
    env_name = key_env(model)
    api_key = env[env_name].strip() if env_name else NO_KEY
    try:
        if model.provider == "deepl":
            from bot.providers.deepl_translate import DeepLProvider

            return DeepLProvider(
                name,
                model,
                api_key=api_key,
                proxy=network.proxy if uses_proxy(model) else None,
                ca_bundle=network.ca_bundle,
                service=service,
            )
        client = http_client(model, network)
        if model.provider == "anthropic":
            from bot.providers.anthropic_chat import AnthropicChatProvider

            return AnthropicChatProvider(name, model, api_key=api_key, http_client=client, service=service)
        if model.provider == "perplexity":
            from bot.providers.perplexity import PerplexityProvider

            return PerplexityProvider(name, model, api_key=api_key, http_client=client, service=service)
        from bot.providers.openai_chat import OpenAIChatProvider

        return OpenAIChatProvider(
            name,
            model,
            api_key=api_key,
            http_client=client,
            service=service,
            compatible=model.provider == "openai_compatible",
        )
    except (ValueError, TypeError) as exc:
        # Option values of the wrong shape that check_model could not foresee.
        raise ProviderError("misconfigured", service, detail=type(exc).__name__) from None
