"""A fake of the OpenAI REST API (and of Perplexity / vLLM-style compatible servers).

Serves ``POST {/v1,}/chat/completions`` (JSON and SSE streaming with ``data: [DONE]``,
the ``include_usage`` chunk with empty ``choices``), ``POST {/v1,}/images/generations``
(``b64_json`` or a URL served by the fake itself) and ``GET {/v1,}/models``.
Point an SDK at ``fake.url + "/v1"`` (OpenAI style) or ``fake.url`` (Perplexity style).

Perplexity's citations are scripted with ``Reply(extra={"citations": [...],
"search_results": [...]})``; the fields are added to every chunk, as Perplexity does.
"""

from __future__ import annotations

import base64
import json
import struct
import time
import zlib
from typing import Any

from aiohttp import web

from tests.fakes.base import Fail, FakeServer, Raw, echo_chunks, serve_forever


def _png_1x1() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


TINY_PNG = _png_1x1()

_ERROR_CODES = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
}


def openai_error(status: int, message: str = "fake error") -> dict[str, Any]:
    kind, code = _ERROR_CODES.get(status, ("server_error", None))
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def last_user_text(messages: list[dict[str, Any]]) -> str:
    for message in reversed(messages or []):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):
                return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
            return str(content or "")
    return ""


class OpenAIFake(FakeServer):
    name = "openai-fake"

    def __init__(self, *, api_key: str | None = None, image_as_url: bool = False, **kw: Any) -> None:
        super().__init__(**kw)
        self.api_key = api_key  # when set, other keys get 401 like the real API
        self.image_as_url = image_as_url
        self.image_bytes = TINY_PNG

    def add_routes(self, app: web.Application) -> None:
        for prefix in ("/v1", ""):
            app.router.add_post(prefix + "/chat/completions", self._chat)
            app.router.add_post(prefix + "/images/generations", self._images)
            app.router.add_get(prefix + "/models", self._models)
        app.router.add_get("/files/{name}", self._file)

    def _unauthorized(self, request: web.Request) -> web.Response | None:
        if self.api_key is None or request.headers.get("Authorization") == f"Bearer {self.api_key}":
            return None
        return web.json_response(openai_error(401, "Incorrect API key provided"), status=401)

    async def _models(self, request: web.Request) -> web.Response:
        await self.record(request)
        return web.json_response({"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

    async def _file(self, request: web.Request) -> web.Response:
        await self.record(request)
        return web.Response(body=self.image_bytes, content_type="image/png")

    async def _images(self, request: web.Request) -> web.StreamResponse:
        rec = await self.record(request)
        if (denied := self._unauthorized(request)) is not None:
            return denied
        step = self.next_step(request.path)
        if isinstance(step, (Fail, Raw)):
            return await self.answer_literal(step, openai_error(getattr(step, "status", 500)))
        await self.pause(step.delay_s)
        n = int((rec.json or {}).get("n") or 1)
        if self.image_as_url:
            item = {"url": f"{self.url}/files/image.png"}
        else:
            item = {"b64_json": base64.b64encode(self.image_bytes).decode()}
        return web.json_response({"created": int(time.time()), "data": [dict(item) for _ in range(n)]})

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        rec = await self.record(request)
        if (denied := self._unauthorized(request)) is not None:
            return denied
        step = self.next_step(request.path)
        if isinstance(step, (Fail, Raw)):
            return await self.answer_literal(step, openai_error(getattr(step, "status", 500)))
        body = rec.json or {}
        messages = body.get("messages") or []
        chunks = step.chunks if step.chunks is not None else echo_chunks(last_user_text(messages))
        prompt_chars = sum(len(str(m.get("content", ""))) for m in messages)
        usage_in, usage_out = step.usage or (prompt_chars, len(chunks))
        usage = {"prompt_tokens": usage_in, "completion_tokens": usage_out, "total_tokens": usage_in + usage_out}
        base = {"id": "chatcmpl-fake", "created": int(time.time()), "model": body.get("model", ""), **step.extra}
        finish = step.finish_reason or "stop"
        await self.pause(step.delay_s)

        if not body.get("stream"):
            return web.json_response(
                {
                    **base,
                    "object": "chat.completion",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": "".join(chunks)},
                            "finish_reason": finish,
                        }
                    ],
                    "usage": usage,
                },
                headers=step.headers,
            )

        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        resp = await self.open_sse(request, step.headers)

        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> str:
            data = {
                **base,
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
            }
            if include_usage:
                data["usage"] = None
            return json.dumps(data, ensure_ascii=False)

        await self.send_event(resp, chunk({"role": "assistant", "content": ""}))
        for i, text in enumerate(chunks):
            if step.cut_after is not None and i >= step.cut_after:
                if step.abort:
                    self.abort(request)
                    return resp
                await resp.write_eof()
                return resp
            if step.malformed_after is not None and i >= step.malformed_after:
                await self.send_event(resp, '{"choices": [{"delta": {"content": "broken')
                await resp.write_eof()
                return resp
            if step.error_after is not None and i >= step.error_after:
                await self.send_event(resp, json.dumps(openai_error(500, "The server had an error")))
                await resp.write_eof()
                return resp
            if step.stall_after is not None and i == step.stall_after:
                await self.pause(step.stall_s)
            await self.send_event(resp, chunk({"content": text}))
        if step.cut_after is not None and step.cut_after >= len(chunks):
            await resp.write_eof()
            return resp
        await self.send_event(resp, chunk({}, finish))
        if include_usage:
            await self.send_event(resp, json.dumps({**base, "object": "chat.completion.chunk", "choices": [], "usage": usage}))
        await self.send_event(resp, "[DONE]")
        await resp.write_eof()
        return resp


if __name__ == "__main__":
    serve_forever(OpenAIFake())
