"""A fake of the Anthropic Messages API: ``POST /v1/messages``, JSON or SSE.

The stream carries ``event:`` lines, which the SDK needs (without them it silently yields
nothing): message_start → content_block_start → ping → content_block_delta ×N →
content_block_stop → message_delta (stop_reason, output usage) → message_stop.
Point the SDK at ``fake.url`` (no ``/v1``: the SDK adds it).
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from tests.fakes.base import Fail, FakeServer, Raw, echo_chunks, serve_forever

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


def anthropic_error(status: int, message: str = "fake error") -> dict[str, Any]:
    kind = _ERROR_TYPES.get(status, "api_error")
    return {"type": "error", "error": {"type": kind, "message": message}, "request_id": "req_fake"}


def last_user_text(messages: list[dict[str, Any]]) -> str:
    for message in reversed(messages or []):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):
                return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
            return str(content or "")
    return ""


class AnthropicFake(FakeServer):
    name = "anthropic-fake"

    def __init__(self, *, api_key: str | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.api_key = api_key

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/v1/messages", self._messages)

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        rec = await self.record(request)
        # anthropic 2.x sends the key as a Bearer token; older clients use x-api-key.
        sent_key = request.headers.get("x-api-key") or request.headers.get("Authorization", "").removeprefix("Bearer ")
        if self.api_key is not None and sent_key != self.api_key:
            return web.json_response(anthropic_error(401, "invalid x-api-key"), status=401)
        step = self.next_step(request.path)
        if isinstance(step, (Fail, Raw)):
            return await self.answer_literal(step, anthropic_error(getattr(step, "status", 500)))
        body = rec.json or {}
        messages = body.get("messages") or []
        chunks = step.chunks if step.chunks is not None else echo_chunks(last_user_text(messages))
        prompt_chars = sum(len(json.dumps(m.get("content", ""), ensure_ascii=False)) for m in messages)
        usage_in, usage_out = step.usage or (prompt_chars, len(chunks))
        stop_reason = step.finish_reason or "end_turn"
        model = body.get("model", "")
        await self.pause(step.delay_s)

        if not body.get("stream"):
            return web.json_response(
                {
                    "id": "msg_fake",
                    "type": "message",
                    "role": "assistant",
                    "model": model,
                    "content": [{"type": "text", "text": "".join(chunks)}],
                    "stop_reason": stop_reason,
                    "stop_sequence": None,
                    "usage": {"input_tokens": usage_in, "output_tokens": usage_out},
                    **step.extra,
                },
                headers=step.headers,
            )

        resp = await self.open_sse(request, step.headers)

        async def event(kind: str, data: dict[str, Any]) -> None:
            await self.send_event(resp, json.dumps({"type": kind, **data}, ensure_ascii=False), event=kind)

        await event(
            "message_start",
            {
                "message": {
                    "id": "msg_fake",
                    "type": "message",
                    "role": "assistant",
                    "model": model,
                    "content": [],
                    "stop_reason": None,
                    "stop_sequence": None,
                    "usage": {"input_tokens": usage_in, "output_tokens": 1},
                }
            },
        )
        await event("content_block_start", {"index": 0, "content_block": {"type": "text", "text": ""}})
        await event("ping", {})
        for i, text in enumerate(chunks):
            if step.cut_after is not None and i >= step.cut_after:
                if step.abort:
                    self.abort(request)
                    return resp
                await resp.write_eof()
                return resp
            if step.malformed_after is not None and i >= step.malformed_after:
                await self.send_event(resp, '{"type": "content_block_delta", "delta": {"te', event="content_block_delta")
                await resp.write_eof()
                return resp
            if step.error_after is not None and i >= step.error_after:
                await self.send_event(resp, json.dumps(anthropic_error(529, "Overloaded")), event="error")
                await resp.write_eof()
                return resp
            if step.stall_after is not None and i == step.stall_after:
                await self.pause(step.stall_s)
            await event("content_block_delta", {"index": 0, "delta": {"type": "text_delta", "text": text}})
        await event("content_block_stop", {"index": 0})
        await event(
            "message_delta",
            {"delta": {"stop_reason": stop_reason, "stop_sequence": None}, "usage": {"output_tokens": usage_out}},
        )
        if step.cut_after is not None and step.cut_after >= len(chunks):
            await resp.write_eof()
            return resp
        await event("message_stop", {})
        await resp.write_eof()
        return resp


if __name__ == "__main__":
    serve_forever(AnthropicFake())
