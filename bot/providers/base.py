"""The provider interface: what every model API module offers the handlers.

A provider knows one API and nothing about messengers, safety or users. Its
failures are ``ProviderError``s whose ``kind`` the pipeline turns into a Korean
message; no SDK exception may escape a provider.
"""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class Capability(StrEnum):
    CHAT = "chat"  # streamed text completion (also summarise/ask/draft/analyze)
    SEARCH = "search"  # chat answer grounded in web search, with citations
    IMAGE = "image"
    TRANSLATE = "translate"  # text translation
    TRANSLATE_DOCUMENT = "translate_document"  # whole DOCX/PPTX/PDF in, same format out
    # Local extractive methods (summarize/answer) instead of a language model: the offline provider.
    EXTRACTIVE = "extractive"


@dataclass(frozen=True)
class ChatMessage:
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class Citation:
    url: str
    title: str = ""


@dataclass(frozen=True)
class ImageResult:
    data: bytes = field(repr=False)
    mime_type: str = "image/png"


@dataclass(frozen=True)
class TranslationResult:
    texts: list[str]
    detected_source_lang: str = ""
    billed_characters: int = 0


@dataclass(frozen=True)
class DocumentResult:
    name: str
    data: bytes = field(repr=False)
    billed_characters: int = 0


ErrorKind = Literal[
    "unavailable",  # connection refused, DNS, 5xx after retries
    "timeout",
    "rate_limited",  # 429 after retries
    "auth",  # bad or missing key
    "quota",  # the service's own quota/billing exhausted
    "bad_request",  # the service refused this input (too long, content policy)
    "unsupported",  # this provider cannot do the task
    "cut",  # a stream ended before its end marker
    "bad_response",  # the service answered something unparseable
    "misconfigured",  # the model's configuration is unusable (bad base URL, proxy, options)
]


class ProviderError(Exception):
    """A provider failure. Carries metadata only: never the prompt or the answer."""

    def __init__(
        self,
        kind: ErrorKind,
        service: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(f"{service}: {kind}" + (f" (HTTP {status})" if status else ""))
        self.kind = kind
        self.service = service
        self.status = status
        self.retry_after = retry_after
        self.detail = detail  # for logs: exception class names, status codes

    @property
    def retryable(self) -> bool:
        return self.kind in ("unavailable", "timeout", "rate_limited")


class ChatStream(abc.ABC):
    """An async iterator of text deltas. After iteration ends normally, ``usage``
    and ``citations`` are filled. A stream that ends without the API's end marker
    raises ``ProviderError("cut")`` from the iterator instead of ending quietly.
    """

    def __init__(self) -> None:
        self.usage = Usage()
        self.citations: list[Citation] = []
        # The API's own reason for ending ("stop", "length", "end_turn", "max_tokens" …),
        # so the pipeline can tell a complete answer from one cut by the token limit.
        self.stop_reason: str = ""

    def __aiter__(self) -> AsyncIterator[str]:
        return self._deltas()

    @abc.abstractmethod
    def _deltas(self) -> AsyncIterator[str]: ...

    async def aclose(self) -> None:
        """Release the connection early (the user's request was cancelled)."""


class Provider(abc.ABC):
    """One configured model on one API.

    ``capabilities`` is checked by the pipeline before any call, so a provider
    that lacks a task is never asked for it.
    """

    capabilities: frozenset[Capability] = frozenset()
    service: str = ""  # human-readable service name for messages, e.g. "OpenAI"

    def supports(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def require(self, capability: Capability) -> None:
        """Refuse a task this provider lacks, before any network call."""
        if capability not in self.capabilities:
            raise ProviderError("unsupported", self.service)

    def chat(
        self,
        messages: list[ChatMessage],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> ChatStream:
        raise ProviderError("unsupported", self.service)

    async def image(self, prompt: str, *, size: str = "1024x1024") -> ImageResult:
        raise ProviderError("unsupported", self.service)

    async def translate(
        self,
        texts: list[str],
        *,
        target_lang: str,
        source_lang: str | None = None,
        formality: str | None = None,
        glossary: Mapping[str, str] | None = None,
    ) -> TranslationResult:
        raise ProviderError("unsupported", self.service)

    async def translate_document(
        self,
        data: bytes,
        name: str,
        *,
        target_lang: str,
        source_lang: str | None = None,
        formality: str | None = None,
    ) -> DocumentResult:
        raise ProviderError("unsupported", self.service)

    async def aclose(self) -> None:
        """Close HTTP clients at shutdown."""
