"""Claude via the Anthropic Messages API (streamed), on the official SDK.

System messages become the ``system`` parameter; consecutive messages of one role are
joined, since the API wants user and assistant turns to alternate. The answer is
complete only when ``message_stop`` arrives; usage comes from ``message_start`` (input)
and ``message_delta`` (output).

Options: ``extra_body`` (dict merged into the request body); ``send_temperature``
(default false): anthropic 2.13's ``messages.create`` has no temperature parameter any
more, so a requested temperature is dropped unless this is set, in which case it is sent
in the body for gateways and API versions that still take it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import anthropic
import httpx2

from bot.config import ModelSettings
from bot.messages.providers import PROMPT_EARLIER_CONVERSATION
from bot.providers.base import Capability, ChatMessage, ChatStream, Provider, ProviderError
from bot.providers.retry import (
    RetryingChatStream,
    RetryPolicy,
    classify_common,
    parse_retry_after,
    request_timeout,
    status_kind,
)

ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com"  # documented default; config base_url overrides
# The API requires the conversation to open with a user turn.
LEADING_USER_TURN = PROMPT_EARLIER_CONVERSATION

_ERROR_TYPE_KIND = {
    "overloaded_error": "unavailable",
    "api_error": "unavailable",
    "timeout_error": "timeout",
    "rate_limit_error": "rate_limited",
    "authentication_error": "auth",
    "permission_error": "auth",
    "billing_error": "quota",
    "invalid_request_error": "bad_request",
    "request_too_large": "bad_request",
    "not_found_error": "bad_request",
}


def _error_type(body: object) -> str:
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and isinstance(error.get("type"), str):
            return error["type"]
    return ""


def classify_anthropic(exc: BaseException, service: str, *, mid_stream: bool = False) -> ProviderError:
    if isinstance(exc, ProviderError):
        return exc
    name = type(exc).__name__
    if isinstance(exc, anthropic.APITimeoutError):
        return ProviderError("timeout", service, detail=name)
    if isinstance(exc, anthropic.APIConnectionError):
        return ProviderError("cut" if mid_stream else "unavailable", service, detail=name)
    if isinstance(exc, anthropic.APIStatusError):
        status = exc.status_code
        error_type = _error_type(exc.body)
        # An `event: error` inside a 200 stream arrives with status 200: its body decides.
        kind = _ERROR_TYPE_KIND.get(error_type) or (status_kind(status) if status >= 400 else "unavailable")
        return ProviderError(
            kind,  # type: ignore[arg-type]
            service,
            status=status if status >= 400 else None,
            retry_after=parse_retry_after(exc.response.headers) if status >= 400 else None,
            detail=f"{name} type={error_type}",
        )
    if isinstance(exc, anthropic.AnthropicError):
        return ProviderError("bad_response", service, detail=name)
    # Raw httpx2 errors (a dropped stream), JSONDecodeError, AssertionError … escape the
    # SDK's own types; classify_common covers them.
    return classify_common(exc, service, mid_stream=mid_stream)


def to_anthropic_messages(messages: list[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    system = "\n\n".join(m.content for m in messages if m.role == "system" and m.content)
    turns: list[dict[str, str]] = []
    for m in messages:
        if m.role == "system" or not m.content:
            continue
        if turns and turns[-1]["role"] == m.role:
            turns[-1]["content"] += "\n\n" + m.content
        else:
            turns.append({"role": m.role, "content": m.content})
    if turns and turns[0]["role"] != "user":
        turns.insert(0, {"role": "user", "content": LEADING_USER_TURN})
    return system, turns


class AnthropicChatStream(RetryingChatStream):
    def __init__(self, provider: AnthropicChatProvider, params: dict[str, Any]) -> None:
        super().__init__(provider.retry, provider.classify)
        self._provider = provider
        self._params = params

    async def _attempt(self) -> AsyncGenerator[str, None]:
        p = self._provider
        stream = await p.client.messages.create(**self._params)
        self._sdk_stream = stream
        finished = False
        try:
            async for event in stream:
                kind = event.type
                if kind == "content_block_delta":
                    if event.delta.type == "text_delta" and event.delta.text:
                        yield event.delta.text
                elif kind == "message_start":
                    usage = event.message.usage
                    self.usage.input_tokens = (
                        (usage.input_tokens or 0)
                        + (getattr(usage, "cache_creation_input_tokens", None) or 0)
                        + (getattr(usage, "cache_read_input_tokens", None) or 0)
                    )
                    self.usage.output_tokens = usage.output_tokens or 0
                elif kind == "message_delta":
                    if event.usage.output_tokens is not None:
                        self.usage.output_tokens = event.usage.output_tokens
                    if event.delta.stop_reason:
                        self.stop_reason = str(event.delta.stop_reason)
                elif kind == "message_stop":
                    finished = True
        except Exception as exc:
            raise classify_anthropic(exc, p.service, mid_stream=True) from None
        finally:
            self._sdk_stream = None
            await stream.close()
        if not finished:
            raise ProviderError("cut", p.service, detail="no message_stop")


class AnthropicChatProvider(Provider):
    capabilities = frozenset({Capability.CHAT})

    def __init__(
        self,
        name: str,
        model: ModelSettings,
        *,
        api_key: str,
        http_client: httpx2.AsyncClient,
        service: str = "Claude",
    ) -> None:
        self.name = name
        self.model = model
        self.service = service
        self.retry = RetryPolicy.from_model(model)
        self._extra_body = dict(model.options.get("extra_body") or {})
        self._send_temperature = bool(model.options.get("send_temperature", False))
        self.client = anthropic.AsyncAnthropic(
            # An explicit key keeps the SDK from consulting ANTHROPIC_* variables or profiles on disk.
            api_key=api_key,
            base_url=model.base_url or ANTHROPIC_DEFAULT_BASE_URL,
            timeout=request_timeout(model),
            max_retries=0,  # retry.py retries
            http_client=http_client,
        )

    def classify(self, exc: BaseException) -> ProviderError:
        return classify_anthropic(exc, self.service)

    def chat(
        self,
        messages: list[ChatMessage],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> ChatStream:
        self.require(Capability.CHAT)
        system, turns = to_anthropic_messages(messages)
        params: dict[str, Any] = {
            "model": self.model.model,
            "max_tokens": max_tokens or self.model.max_output_tokens,
            "messages": turns,
            "stream": True,
        }
        if system:
            params["system"] = system
        extra_body = dict(self._extra_body)
        if temperature is not None and self._send_temperature:
            extra_body["temperature"] = temperature
        if extra_body:
            params["extra_body"] = extra_body
        return AnthropicChatStream(self, params)

    async def aclose(self) -> None:
        await self.client.close()
