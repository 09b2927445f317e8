"""DeepL text and document translation, on the official ``deepl`` SDK.

The SDK is synchronous (requests); calls run in worker threads. Its own retry loop
(up to 5 retries, 10 s minimum timeouts, process-wide settings) is replaced per
instance by a single-attempt HTTP client, so ``retry.py`` alone decides about retries
and the configured timeout applies.

Options (``ModelSettings.options``):
  ``formality``      default formality: "more"/"less" (sent as prefer_more/prefer_less,
                     so languages without formality are translated anyway) or "default".
  ``glossaries``     admin glossaries per language pair, e.g.
                     ``{"ko-en": {"민원": "civil petition", "주무관": "officer in charge"}}``.
                     Created once through the API under a name derived from their content
                     and reused afterwards (also across restarts, found by name).
  ``english_variant`` target for a bare "EN" (default "EN-US"); ``portuguese_variant`` ("PT-BR").
  ``document_timeout_s`` (600), ``document_poll_s`` (1.0), ``document_poll_max_s`` (5.0).

A glossary needs the source language; when the caller gives none and the texts are
mostly Hangul, the source is taken to be Korean (so "ko-xx" glossaries apply).
Without ``base_url`` the SDK picks api-free.deepl.com for ":fx" keys, else api.deepl.com.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any, TypeVar

import deepl
import deepl.http_client
import requests

from bot.config import ModelSettings
from bot.messages import providers as M
from bot.providers.base import Capability, DocumentResult, Provider, ProviderError, TranslationResult
from bot.providers.retry import RetryPolicy, call_with_retry, classify_common, status_kind

log = logging.getLogger("bot.providers")
T = TypeVar("T")

DOCUMENT_SUFFIXES = {".docx", ".pptx", ".pdf"}
MAX_TEXTS_PER_REQUEST = 50  # DeepL's limit per /v2/translate call
MAX_REQUEST_BYTES = 120_000  # DeepL caps a request body at 128 KiB; keep a margin for JSON
FORMALITY = {
    "more": "prefer_more",
    "formal": "prefer_more",
    "prefer_more": "prefer_more",
    "less": "prefer_less",
    "informal": "prefer_less",
    "prefer_less": "prefer_less",
    "default": None,
    "": None,
}


class _SingleAttemptHttpClient(deepl.http_client.HttpClient):
    """One request per call with our timeout, remembering Retry-After for the caller's thread."""

    def __init__(self, *, proxy: str | None, verify: str | bool, timeout_s: float) -> None:
        super().__init__(proxy=proxy, send_platform_info=False, verify_ssl=verify)
        # Config is the only source of proxy/CA settings, as for the httpx2 clients.
        self._session.trust_env = False
        self._timeout = (min(10.0, timeout_s), timeout_s)
        self._local = threading.local()

    def request_with_backoff(self, method, url, data, json, headers, stream=False, **kwargs):  # type: ignore[no-untyped-def,override]
        self._local.retry_after = None
        request = self._prepare_request(method, url, data, json, headers, **kwargs)
        request.register_hook("response", self._remember_retry_after)
        return self._internal_request(request, stream, timeout=self._timeout)

    def _remember_retry_after(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._local.retry_after = response.headers.get("Retry-After")

    def last_retry_after(self) -> float | None:
        raw = getattr(self._local, "retry_after", None)
        try:
            return max(0.0, float(raw)) if raw else None
        except ValueError:
            return None


def classify_deepl(exc: BaseException, service: str, retry_after: float | None = None) -> ProviderError:
    if isinstance(exc, ProviderError):
        return exc
    name = type(exc).__name__
    if isinstance(exc, deepl.DocumentTranslationException) and exc.__cause__ is not None:
        return classify_deepl(exc.__cause__, service, retry_after)
    if isinstance(exc, deepl.ConnectionException):
        if isinstance(exc.__cause__, requests.exceptions.Timeout):
            return ProviderError("timeout", service, detail=name)
        return ProviderError("unavailable", service, detail=name)
    if isinstance(exc, deepl.DeepLException):
        status = exc.http_status_code
        if status:
            return ProviderError(status_kind(status), service, status=status, retry_after=retry_after, detail=name)
        # Raised before any request: the SDK refused the arguments (e.g. a language code).
        return ProviderError("bad_request", service, detail=name)
    if isinstance(exc, ValueError) and not isinstance(exc, json.JSONDecodeError):
        return ProviderError("bad_request", service, detail=name)  # SDK argument checks
    return classify_common(exc, service)


def glossary_pairs(model: ModelSettings) -> dict[tuple[str, str], dict[str, str]]:
    """``options.glossaries`` as {(SOURCE, TARGET): entries}; raises ValueError if malformed."""
    raw = model.options.get("glossaries") or {}
    if not isinstance(raw, Mapping):
        raise ValueError(M.OPTION_NOT_TABLE)
    pairs: dict[tuple[str, str], dict[str, str]] = {}
    for pair, entries in raw.items():
        source, sep, target = str(pair).partition("-")
        if not sep or not source.isalpha() or not target.isalpha():
            raise ValueError(M.OPTION_GLOSSARY_PAIR.format(pair=pair))
        if not isinstance(entries, Mapping) or not entries:
            raise ValueError(M.OPTION_GLOSSARY_EMPTY.format(pair=pair))
        clean = {str(k).strip(): str(v).strip() for k, v in entries.items()}
        try:
            for term in (*clean, *clean.values()):
                deepl.util.validate_glossary_term(term)
        except ValueError:
            raise ValueError(M.OPTION_GLOSSARY_TERM.format(pair=pair)) from None
        pairs[(source.upper(), target.upper())] = clean
    return pairs


def check_options(model: ModelSettings) -> tuple[str, str] | None:
    """(option key, Korean problem) for ``dasan config check``, or None."""
    try:
        glossary_pairs(model)
    except ValueError as exc:
        return "glossaries", str(exc)
    formality = model.options.get("formality")
    if formality is not None and str(formality).lower() not in FORMALITY:
        return "formality", M.OPTION_FORMALITY.format(value=formality)
    return None


def mostly_hangul(texts: list[str]) -> bool:
    letters = hangul = 0
    for text in texts:
        for ch in text:
            if ch.isalpha():
                letters += 1
                if "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f":
                    hangul += 1
    return letters > 0 and hangul * 2 > letters


def batches(texts: list[str]) -> list[list[int]]:
    """Indices of ``texts`` grouped to respect DeepL's per-request count and size limits."""
    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        n = len(text.encode("utf-8")) + 8
        if current and (len(current) >= MAX_TEXTS_PER_REQUEST or size + n > MAX_REQUEST_BYTES):
            groups.append(current)
            current, size = [], 0
        current.append(i)
        size += n
    if current:
        groups.append(current)
    return groups


class DeepLProvider(Provider):
    capabilities = frozenset({Capability.TRANSLATE, Capability.TRANSLATE_DOCUMENT})

    def __init__(
        self,
        name: str,
        model: ModelSettings,
        *,
        api_key: str,
        proxy: str | None = None,
        ca_bundle: str | None = None,
        service: str = "DeepL",
    ) -> None:
        self.name = name
        self.model = model
        self.service = service
        self.retry = RetryPolicy.from_model(model)
        opts = model.options
        self._glossaries = glossary_pairs(model)
        self._default_formality = opts.get("formality")
        self._english = str(opts.get("english_variant", "EN-US")).upper()
        self._portuguese = str(opts.get("portuguese_variant", "PT-BR")).upper()
        self._doc_timeout_s = float(opts.get("document_timeout_s", 600))
        self._poll_s = float(opts.get("document_poll_s", 1.0))
        self._poll_max_s = float(opts.get("document_poll_max_s", 5.0))
        self._translator = deepl.DeepLClient(
            api_key,
            server_url=model.base_url or None,
            proxy=proxy,
            verify_ssl=ca_bundle or None,
            send_platform_info=False,
        )
        # Swap in our single-attempt client (see module docstring); the SDK has no
        # per-instance setting for its retries or timeouts.
        self._http = _SingleAttemptHttpClient(proxy=proxy, verify=ca_bundle or True, timeout_s=model.timeout_s)
        self._translator._client.close()
        self._translator._client = self._http
        self._glossary_ids: dict[tuple[str, str, str], str] = {}
        self._glossary_locks: dict[tuple[str, str, str], asyncio.Lock] = {}

    # -- plumbing ------------------------------------------------------------

    def classify(self, exc: BaseException) -> ProviderError:
        return classify_deepl(exc, self.service)

    async def _call(self, fn: Callable[[], T], *, timeout_s: float | None = None) -> T:
        def run() -> T:
            try:
                return fn()
            except Exception as exc:  # noqa: BLE001
                # Classified here, in the worker thread, where Retry-After was recorded.
                raise classify_deepl(exc, self.service, self._http.last_retry_after()) from None

        async def attempt() -> T:
            # A little over the socket timeout, so requests reports its own timeout first.
            return await asyncio.wait_for(asyncio.to_thread(run), (timeout_s or self.model.timeout_s) + 1)

        return await call_with_retry(attempt, self.retry, self.classify)

    def _target(self, target_lang: str) -> str:
        target = target_lang.strip().upper()
        return {"EN": self._english, "PT": self._portuguese}.get(target, target)

    def _formality_param(self, formality: str | None) -> str | None:
        chosen = formality if formality is not None else self._default_formality
        if chosen is None:
            return None
        return FORMALITY.get(str(chosen).lower())

    # -- glossaries ----------------------------------------------------------

    def _entries(self, source: str | None, target: str, extra: Mapping[str, str] | None) -> dict[str, str]:
        if source is None:
            return {}
        entries = dict(self._glossaries.get((source.split("-")[0], target.split("-")[0]), {}))
        entries.update({k.strip(): v.strip() for k, v in (extra or {}).items() if k.strip() and v.strip()})
        return entries

    async def _glossary_id(self, source: str, target: str, entries: dict[str, str]) -> str:
        src, tgt = source.split("-")[0], target.split("-")[0]
        tsv = "\n".join(f"{k}\t{v}" for k, v in sorted(entries.items()))
        digest = hashlib.sha256(tsv.encode("utf-8")).hexdigest()[:16]
        key = (src, tgt, digest)
        if key in self._glossary_ids:
            return self._glossary_ids[key]
        lock = self._glossary_locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key in self._glossary_ids:
                return self._glossary_ids[key]
            name = f"dasan-{src.lower()}-{tgt.lower()}-{digest}"
            existing = await self._call(self._translator.list_glossaries)
            found = next(
                (
                    g.glossary_id
                    for g in existing
                    if g.name == name and g.ready and g.source_lang == src and g.target_lang == tgt
                ),
                None,
            )
            if found is None:
                created = await self._call(lambda: self._translator.create_glossary(name, src, tgt, entries))
                found = created.glossary_id
                log.info("provider glossary created service=%s pair=%s-%s entries=%d", self.service, src, tgt, len(entries))
            self._glossary_ids[key] = found
            return found

    def _forget_glossaries(self) -> None:
        self._glossary_ids.clear()

    # -- text ----------------------------------------------------------------

    async def translate(
        self,
        texts: list[str],
        *,
        target_lang: str,
        source_lang: str | None = None,
        formality: str | None = None,
        glossary: Mapping[str, str] | None = None,
    ) -> TranslationResult:
        self.require(Capability.TRANSLATE)
        target = self._target(target_lang)
        source = source_lang.strip().upper().split("-")[0] if source_lang else None  # sources have no variants
        sendable = [i for i, t in enumerate(texts) if t.strip()]
        if not sendable:
            return TranslationResult(texts=list(texts))
        if source is None and mostly_hangul([texts[i] for i in sendable]):
            if self._entries("KO", target, glossary):
                source = "KO"
        entries = self._entries(source, target, glossary)
        chosen_formality = self._formality_param(formality)

        out = list(texts)
        detected = ""
        billed = 0
        for group in batches([texts[i] for i in sendable]):
            chunk = [texts[sendable[j]] for j in group]
            for attempt in range(2):
                glossary_id = await self._glossary_id(source, target, entries) if entries and source else None
                try:
                    results = await self._call(
                        lambda gid=glossary_id: self._translator.translate_text(  # type: ignore[misc]
                            chunk,
                            target_lang=target,
                            source_lang=source,
                            formality=chosen_formality,
                            glossary=gid,
                        )
                    )
                    break
                except ProviderError as err:
                    # A glossary deleted behind our back: create it again, once.
                    if glossary_id and err.status == 404 and attempt == 0:
                        self._forget_glossaries()
                        continue
                    raise
            if len(results) != len(chunk):
                raise ProviderError("bad_response", self.service, detail="translation count mismatch")
            for j, result in zip(group, results, strict=True):
                out[sendable[j]] = result.text
                billed += result.billed_characters or 0
                detected = detected or result.detected_source_lang
        return TranslationResult(texts=out, detected_source_lang=detected, billed_characters=billed)

    # -- documents -------------------------------------------------------------

    async def translate_document(
        self,
        data: bytes,
        name: str,
        *,
        target_lang: str,
        source_lang: str | None = None,
        formality: str | None = None,
    ) -> DocumentResult:
        self.require(Capability.TRANSLATE_DOCUMENT)
        path = PurePath(name)
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise ProviderError("bad_request", self.service, detail=f"document type {path.suffix.lower() or '-'}")
        target = self._target(target_lang)
        source = source_lang.strip().upper().split("-")[0] if source_lang else None  # sources have no variants
        entries = self._entries(source, target, None)
        glossary_id = await self._glossary_id(source, target, entries) if entries and source else None
        chosen_formality = self._formality_param(formality)
        translator = self._translator

        # Bytes plus an explicit file name: with a file object the SDK loses the name and
        # DeepL answers "Invalid file data".
        handle = await self._call(
            lambda: translator.translate_document_upload(
                data,
                filename=path.name,
                target_lang=target,
                source_lang=source,
                formality=chosen_formality,
                glossary=glossary_id,
            ),
            timeout_s=self._doc_timeout_s,
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._doc_timeout_s
        while True:
            status = await self._call(lambda: translator.translate_document_get_status(handle))
            if not status.ok:
                raise ProviderError("bad_request", self.service, detail="document status error")
            if status.done:
                break
            if loop.time() >= deadline:
                raise ProviderError("timeout", self.service, detail="document translation")
            hint = float(status.seconds_remaining or 0)
            await asyncio.sleep(min(self._poll_max_s, max(self._poll_s, hint)))

        def download() -> bytes:
            response = translator.translate_document_download(handle)
            assert response is not None
            try:
                return response.content
            finally:
                response.close()

        translated = await self._call(download, timeout_s=self._doc_timeout_s)
        return DocumentResult(
            name=f"{path.stem}_{target}{path.suffix}",
            data=translated,
            billed_characters=int(status.billed_characters or 0),
        )

    async def aclose(self) -> None:
        await asyncio.to_thread(self._translator.close)
