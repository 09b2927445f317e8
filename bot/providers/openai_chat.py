"""OpenAI chat completions (streamed) and image generation, on the official SDK.

The same class serves ``openai_compatible`` on-premises servers (vLLM, Ollama,
llama.cpp …), which speak the same wire protocol at their own base URL.

Options (``ModelSettings.options``):
  ``max_tokens_param``  "max_completion_tokens" (OpenAI default; newer models reject
                        "max_tokens") or "max_tokens" (default for compatible servers).
  ``stream_usage``      send ``stream_options.include_usage`` (default true; turn off for
                        servers that reject it — usage then stays 0).
  ``extra_body``        dict merged into the request body (server-specific parameters).
  ``organization`` / ``project``  OpenAI account routing headers.
  ``image_response_format``  "b64_json" (default except gpt-image models) or "" to omit.
  ``image_quality``     passed through to image generation when set.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import AsyncGenerator
from typing import Any

import httpx2
import openai

from bot.config import ModelSettings
from bot.providers.base import (
    Capability,
    ChatMessage,
    ChatStream,
    ImageResult,
    Provider,
    ProviderError,
    Usage,
)
from bot.providers.retry import (
    RetryingChatStream,
    RetryPolicy,
    call_with_retry,
    classify_common,
    parse_retry_after,
    request_timeout,
    status_kind,
)
from bot.tasks import Task

log = logging.getLogger("bot.providers")

OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"  # documented default; config base_url overrides

# Codes OpenAI puts in error bodies (HTTP errors and in-stream error events).
_QUOTA_CODES = {"insufficient_quota", "billing_hard_limit_reached"}
_RATE_CODES = {"rate_limit_exceeded"}


def classify_openai(exc: BaseException, service: str, *, mid_stream: bool = False) -> ProviderError:
    if isinstance(exc, ProviderError):
        return exc
    name = type(exc).__name__
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError("timeout", service, detail=name)
    if isinstance(exc, openai.APIConnectionError):
        # The SDK wraps a connection dropped mid-body in the same type as a refused one.
        return ProviderError("cut" if mid_stream else "unavailable", service, detail=name)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        kind = status_kind(status)
        if exc.code in _QUOTA_CODES:
            kind = "quota"
        return ProviderError(
            kind,
            service,
            status=status,
            retry_after=parse_retry_after(exc.response.headers),
            detail=f"{name} code={exc.code}",
        )
    if isinstance(exc, openai.APIResponseValidationError):
        return ProviderError("bad_response", service, detail=name)
    if isinstance(exc, openai.APIError):
        # An error event inside a 200 stream: the body says what kind.
        code = exc.code or exc.type or ""
        if code in _QUOTA_CODES:
            kind = "quota"
        elif code in _RATE_CODES:
            kind = "rate_limited"
        elif exc.type == "invalid_request_error":
            kind = "bad_request"
        else:
            kind = "unavailable"
        return ProviderError(kind, service, detail=f"{name} code={code}")
    if isinstance(exc, openai.OpenAIError):
        return ProviderError("bad_response", service, detail=name)
    return classify_common(exc, service, mid_stream=mid_stream)


def sniff_image_type(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"GIF8"):
        return "image/gif"
    return "application/octet-stream"


class OpenAIChatStream(RetryingChatStream):
    def __init__(self, provider: OpenAIChatProvider, params: dict[str, Any]) -> None:
        super().__init__(provider.retry, provider.classify)
        self._provider = provider
        self._params = params

    async def _attempt(self) -> AsyncGenerator[str, None]:
        p = self._provider
        stream = await p.client.chat.completions.create(**self._params)
        self._sdk_stream = stream
        finished = False
        try:
            async for chunk in stream:
                if chunk.usage is not None:
                    self.usage = Usage(chunk.usage.prompt_tokens or 0, chunk.usage.completion_tokens or 0)
                p.on_chunk(self, chunk)
                # The include_usage chunk has an empty choices list: never index [0].
                for choice in chunk.choices:
                    if choice.index != 0:
                        continue
                    text = choice.delta.content if choice.delta is not None else None
                    if text:
                        yield text
                    if choice.finish_reason:
                        finished = True
                        self.stop_reason = str(choice.finish_reason)
        except Exception as exc:
            if not finished:
                raise classify_openai(exc, p.service, mid_stream=True) from None
            # The answer was complete; only the trailing usage chunk or [DONE] went missing.
            log.info("provider stream tail lost service=%s error=%s", p.service, type(exc).__name__)
        finally:
            self._sdk_stream = None
            await stream.close()
        if not finished:
            raise ProviderError("cut", p.service, detail="no finish_reason")


class OpenAIChatProvider(Provider):
    """One model on the OpenAI API or an OpenAI-compatible server."""

    API_CAPABILITIES = frozenset({Capability.CHAT, Capability.IMAGE})
    default_base_url = OPENAI_DEFAULT_BASE_URL
    default_max_tokens_param = "max_completion_tokens"

    def __init__(
        self,
        name: str,
        model: ModelSettings,
        *,
        api_key: str,
        http_client: httpx2.AsyncClient,
        service: str = "OpenAI",
        compatible: bool = False,
    ) -> None:
        self.name = name
        self.model = model
        self.service = service
        self.capabilities = self._capabilities_for(model)
        self.retry = RetryPolicy.from_model(model)
        self._http = http_client
        opts = model.options
        if compatible:
            self.default_max_tokens_param = "max_tokens"
        self._max_tokens_param = str(opts.get("max_tokens_param", self.default_max_tokens_param))
        self._stream_usage = bool(opts.get("stream_usage", True))
        self._extra_body = dict(opts.get("extra_body") or {})
        self.client = openai.AsyncOpenAI(
            api_key=api_key,
            # Always explicit: with None the SDK would read OPENAI_BASE_URL from the environment.
            base_url=model.base_url or self.default_base_url,
            organization=opts.get("organization"),
            project=opts.get("project"),
            timeout=request_timeout(model),
            max_retries=0,  # retry.py retries; see its docstring
            http_client=http_client,
        )

    def _capabilities_for(self, model: ModelSettings) -> frozenset[Capability]:
        caps = set(self.API_CAPABILITIES)
        tasks = set(model.tasks)
        # An entry registered only for images is an image model, and a chat model entry
        # without the image task is not asked to draw.
        if tasks and Task.IMAGE not in tasks:
            caps.discard(Capability.IMAGE)
        if tasks == {Task.IMAGE}:
            caps.discard(Capability.CHAT)
        return frozenset(caps)

    def classify(self, exc: BaseException) -> ProviderError:
        return classify_openai(exc, self.service)

    def on_chunk(self, stream: OpenAIChatStream, chunk: Any) -> None:
        """Hook for API dialects that put extra data on chunks (Perplexity citations)."""

    def chat(
        self,
        messages: list[ChatMessage],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> ChatStream:
        self.require(Capability.CHAT)
        params: dict[str, Any] = {
            "model": self.model.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
            self._max_tokens_param: max_tokens or self.model.max_output_tokens,
        }
        if self._stream_usage:
            params["stream_options"] = {"include_usage": True}
        if temperature is not None:
            params["temperature"] = temperature
        if self._extra_body:
            params["extra_body"] = self._extra_body
        return OpenAIChatStream(self, params)

    async def image(self, prompt: str, *, size: str = "1024x1024") -> ImageResult:
        self.require(Capability.IMAGE)
        opts = self.model.options
        params: dict[str, Any] = {"model": self.model.model, "prompt": prompt, "size": size, "n": 1}
        default_format = "" if self.model.model.startswith("gpt-image") else "b64_json"
        response_format = opts.get("image_response_format", default_format)
        if response_format:
            params["response_format"] = response_format
        if opts.get("image_quality"):
            params["quality"] = opts["image_quality"]

        async def generate() -> ImageResult:
            result = await self.client.images.generate(**params)
            item = result.data[0] if result.data else None
            if item is not None and item.b64_json:
                data = base64.b64decode(item.b64_json, validate=True)
            elif item is not None and item.url:
                # Some compatible servers only hand out a URL; fetch it through the same
                # client so the proxy and CA settings apply.
                response = await self._http.get(item.url, timeout=request_timeout(self.model))
                response.raise_for_status()
                data = response.content
            else:
                raise ProviderError("bad_response", self.service, detail="image without data")
            return ImageResult(data=data, mime_type=sniff_image_type(data))

        return await call_with_retry(generate, self.retry, self.classify)

    async def aclose(self) -> None:
        await self.client.close()
